// SPDX-License-Identifier: MIT
/*
 * kmalloc's alignment guarantee (Linux's since 5.4): a power-of-two size
 * is naturally aligned, every other size at least ARCH_KMALLOC_MINALIGN.
 * Checked for every size class of every kmalloc type (normal, DMA, DMA32)
 * and for large kmalloc from pages, once per slab_debug= combination of
 * F, Z, P and U (and none): each combination boots the real memblock +
 * buddy and the slab in a child process of its own, since the kmalloc
 * caches take their debug flags when kmem_cache_init() creates them.
 * With red zones on, an overflow and an underflow of a padded, aligned
 * object must still be reported.
 */
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <kernel/log2.h>

#include "test_slab.h"

/* Objects per class: enough to fill a few slabs of every class. */
#define NOBJ 40

static const unsigned int classes[] = {8,   16,	 32,   64,   96,   128, 192,
				       256, 512, 1024, 2048, 4096, 8192};
static const gfp_t types[] = {GFP_KERNEL, GFP_KERNEL | __GFP_DMA,
			      GFP_KERNEL | __GFP_DMA32};
static const char *const type_names[] = {"normal", "dma", "dma32"};

static int failures;

#define FAIL(...)                      \
	do {                           \
		tap_diag(__VA_ARGS__); \
		failures++;            \
	} while (0)

static unsigned long want_align(size_t size)
{
	return is_power_of_2(size) ? size : ARCH_KMALLOC_MINALIGN;
}

/* Every class of one kmalloc type: NOBJ objects each, all aligned. */
static void check_classes(int t, const char *combo)
{
	static void *obj[NOBJ];

	for (size_t c = 0; c < ARRAY_SIZE(classes); c++) {
		size_t size = classes[c];
		struct kmem_cache *cache = kmalloc_slab(size, types[t]);

		for (int i = 0; i < NOBJ; i++) {
			obj[i] = kmalloc(size, types[t]);
			if (!obj[i]) {
				FAIL("%s %s kmalloc(%zu) #%d failed", combo,
				     type_names[t], size, i);
				break;
			}
			if ((uintptr_t)obj[i] & (want_align(size) - 1))
				FAIL("%s %s kmalloc(%zu) = %p: %lu mod %lu "
				     "(%s align %u, obj_offset %u)",
				     combo, type_names[t], size, obj[i],
				     (unsigned long)((uintptr_t)obj[i] &
						     (want_align(size) - 1)),
				     want_align(size), cache->name,
				     cache->align, cache->obj_offset);
			memset(obj[i], 0x3c, size); /* all of it is usable */
		}
		for (int i = NOBJ - 1; i >= 0; i--)
			kfree(obj[i]);
		/* a smaller request served by a power-of-two class too */
		if (size > 8) {
			void *p = kmalloc(size - 1, types[t]);

			if (!p || ((uintptr_t)p & (want_align(ksize(p)) - 1)))
				FAIL("%s %s kmalloc(%zu) = %p: its class %zu "
				     "not aligned to itself",
				     combo, type_names[t], size - 1, p,
				     ksize(p));
			kfree(p);
		}
	}
}

/* Large kmalloc: whole buddy blocks, naturally aligned. */
static void check_large(int t, const char *combo)
{
	for (unsigned int order = 2; order < MAX_ORDER; order++) {
		size_t size = PAGE_SIZE << order;
		void *p = kmalloc(size, types[t] | __GFP_NOWARN);

		if (!p) {
			if (t == 0) /* DMA zones may be too small: fine */
				FAIL("%s kmalloc(%zu) failed", combo, size);
			continue;
		}
		if ((uintptr_t)p & (size - 1))
			FAIL("%s %s large kmalloc(%zu) = %p not aligned", combo,
			     type_names[t], size, p);
		kfree(p);
	}
}

/* Red zones around a padded object still catch overflow and underflow. */
static void check_redzones(const char *combo)
{
	unsigned long r0 = slab_nr_reports;
	u8 *p = kmalloc(64, GFP_KERNEL);

	p[64] = 0x11; /* one past the end */
	kfree(p);
	if (slab_nr_reports != r0 + 1 || !host_log_contains("red zone "
							    "overwritten"))
		FAIL("%s: overflow of kmalloc(64) not reported", combo);
	p = kmalloc(4096, GFP_KERNEL);
	p[-1] = 0x22; /* one before the start */
	kfree(p);
	if (slab_nr_reports != r0 + 2)
		FAIL("%s: underflow of kmalloc(4096) not reported", combo);
}

/* One slab_debug= setting, booted from scratch (runs in a child). */
static int run_combo(const char *combo)
{
	slab_env_boot(64);
	if (slab_debug_setup(combo)) {
		FAIL("slab_debug=%s refused", combo);
		return failures;
	}
	kmem_cache_init();
	for (size_t t = 0; t < ARRAY_SIZE(types); t++) {
		check_classes((int)t, combo);
		check_large((int)t, combo);
	}
	if (slab_nr_reports)
		FAIL("%s: %lu slab reports from correct use", combo,
		     slab_nr_reports);
	if (kmalloc_slab(64, 0)->flags & SLAB_RED_ZONE)
		check_redzones(combo);
	return failures;
}

int main(void)
{
	static const char letters[] = "FZPU";

	for (unsigned int m = 0; m < 16; m++) {
		char combo[8] = "-";
		int n = 0, status = 0;
		pid_t pid;

		for (int b = 0; b < 4; b++)
			if (m & (1u << b))
				combo[n++] = letters[b];
		if (n)
			combo[n] = 0;
		fflush(stdout);
		pid = fork();
		if (pid == 0) {
			int bad = run_combo(combo);

			fflush(stdout);
			fflush(stderr);
			_exit(bad ? 1 : 0);
		}
		if (pid < 0 || waitpid(pid, &status, 0) != pid)
			status = -1;
		if (status)
			tap_diag("slab_debug=%s: child status %#x", combo,
				 status);
		ok(pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0,
		   "slab_debug=%s: every kmalloc class (normal, dma, dma32) "
		   "and large kmalloc naturally aligned",
		   combo);
	}
	return tap_done();
}
