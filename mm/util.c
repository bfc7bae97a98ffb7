// SPDX-License-Identifier: MIT
/**
 * DOC: kmalloc'ed copies of memory and strings (Linux's mm/util.c)
 *
 * kmemdup(), kstrndup() and kstrdup() allocate with kmalloc_track_caller(),
 * so slab_debug's owner tracking names their caller, not them.
 */
#include <kernel/string.h>
#include <mm/slab.h>

/**
 * kmemdup - duplicate a region of memory
 * @src: source
 * @len: bytes
 * @gfp: gfp flags
 */
void *kmemdup(const void *src, size_t len, gfp_t gfp)
{
	void *p = kmalloc_track_caller(len, gfp);

	if (p && !ZERO_OR_NULL_PTR(p))
		memcpy(p, src, len);
	return p;
}

/**
 * kstrndup - duplicate at most @max characters of a string
 * @s: the string, or NULL (returns NULL)
 * @max: maximum characters copied (the copy is always terminated)
 * @gfp: gfp flags
 */
char *kstrndup(const char *s, size_t max, gfp_t gfp)
{
	size_t len;
	char *p;

	if (!s)
		return NULL;
	len = strnlen(s, max);
	p = kmalloc_track_caller(len + 1, gfp);
	if (p) {
		memcpy(p, s, len);
		p[len] = 0;
	}
	return p;
}

/**
 * kstrdup - duplicate a string
 * @s: the string, or NULL (returns NULL)
 * @gfp: gfp flags
 */
char *kstrdup(const char *s, gfp_t gfp)
{
	size_t len;
	char *p;

	if (!s)
		return NULL;
	len = strlen(s) + 1;
	p = kmalloc_track_caller(len, gfp);
	if (p)
		memcpy(p, s, len);
	return p;
}
