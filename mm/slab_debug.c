// SPDX-License-Identifier: MIT
/**
 * DOC: slab debugging and slabinfo
 *
 * Opt-in checks, per cache (kmem_cache_create() flags) or for caches named
 * on the command line (slab_debug=<letters>[,<cache>[,<cache>...]], the
 * letters of Linux's slub_debug):
 *
 *  F  SLAB_CONSISTENCY_CHECKS  every free is checked: a slab page, the
 *                              right cache, an object start, not free yet
 *  Z  SLAB_RED_ZONE            a guard word before and after each object,
 *                              RED_ACTIVE while allocated, RED_INACTIVE
 *                              while free: checked on free (overflow) and
 *                              on allocation; RED_INACTIVE on free means
 *                              a double free
 *  P  SLAB_POISON              free objects are filled with 0x6b (last byte
 *                              0xa5) and checked on allocation, so a write
 *                              after free is caught; fresh objects 0x5a
 *  U  SLAB_STORE_USER          the callers of the last alloc and free are
 *                              kept after the object and shown in reports
 *
 * Slot layout with debugging: [pad][redzone1][object][redzone2][alloc][free]
 *
 * Every report starts with "BUG: <cache>:" (or "slab:" for leaks), names
 * the object and the caller, bumps slab_nr_reports and leaves the cache
 * consistent: a bad free is not inserted, a clobbered red zone is repaired.
 * The checks only exist with CONFIG_SLAB_DEBUG; without it the flags are
 * ignored and none of this code runs.
 */
#include <kernel/errno.h>
#include <kernel/kallsyms.h>
#include <kernel/printf.h>
#include <kernel/string.h>
#include <kernel/taint.h>

#include "slab_internal.h"

#define REDZONE_SIZE 8
#define RED_INACTIVE 0x09F911029D74E35BULL /* object is free */
#define RED_ACTIVE 0xD84156C5635688C0ULL   /* object is allocated */
#define POISON_INUSE 0x5a		   /* fresh, never written */
#define POISON_FREE 0x6b		   /* freed */
#define POISON_END 0xa5			   /* last byte of a poisoned object */

unsigned long slab_nr_reports;
/* CONFIG_SLAB_DEBUG_ON: as if booted with slab_debug=FZPU */
unsigned int slab_debug_flags_default =
	IS_ENABLED(CONFIG_SLAB_DEBUG_ON) ? SLAB_DEBUG_FLAGS : 0;
static char slab_debug_names[128];

static inline size_t obj_area(const struct kmem_cache *c)
{
	return ALIGN((size_t)c->object_size, (size_t)REDZONE_SIZE);
}

static inline u64 *dbg_redzone1(const struct kmem_cache *c, void *obj)
{
	(void)c;
	return (u64 *)((char *)obj - REDZONE_SIZE);
}

static inline u64 *dbg_redzone2(const struct kmem_cache *c, void *obj)
{
	return (u64 *)((char *)obj + obj_area(c));
}

/* [0]: last allocation caller, [1]: last free caller */
static inline unsigned long *dbg_user(const struct kmem_cache *c, void *obj)
{
	return (unsigned long *)((char *)obj + obj_area(c) +
				 ((c->flags & SLAB_RED_ZONE) ? REDZONE_SIZE
							     : 0));
}

static unsigned long last_free_caller(const struct kmem_cache *c, void *obj)
{
	return (c->flags & SLAB_STORE_USER) ? dbg_user(c, obj)[1] : 0;
}

static unsigned long last_alloc_caller(const struct kmem_cache *c, void *obj)
{
	return (c->flags & SLAB_STORE_USER) ? dbg_user(c, obj)[0] : 0;
}

/**
 * slab_debug_layout - make room for red zones and owner words
 * @cachep: the cache (flags set)
 * @size: in: word-aligned object size; out: slot size before alignment
 * @align: object alignment
 */
void slab_debug_layout(struct kmem_cache *cachep, unsigned int *size,
		       unsigned int align)
{
	if (cachep->flags & SLAB_RED_ZONE) {
		/* redzone1 sits right before the aligned object */
		cachep->obj_offset = max_t(unsigned int, align, REDZONE_SIZE);
		*size += cachep->obj_offset + REDZONE_SIZE;
	}
	if (cachep->flags & SLAB_STORE_USER)
		*size += 2 * sizeof(unsigned long);
}

static void poison_obj(struct kmem_cache *c, void *obj, u8 val)
{
	memset(obj, val, c->object_size);
	((u8 *)obj)[c->object_size - 1] = POISON_END;
}

static void report_hdr(void)
{
	slab_nr_reports++;
	add_taint(TAINT_BAD_PAGE);
}

/* Check a free object's poison; report the first bad byte and repair. */
static void check_poison_obj(struct kmem_cache *c, void *obj,
			     unsigned long caller)
{
	const u8 *p = obj;
	unsigned int i, bad = 0, first = 0;

	for (i = 0; i < c->object_size; i++) {
		u8 want = i == c->object_size - 1 ? POISON_END : POISON_FREE;

		if (p[i] != want && !bad++)
			first = i;
	}
	if (!bad)
		return;
	report_hdr();
	pr_err("BUG: %s: poison overwritten (write after free) in object %p "
	       "at offset %u: found 0x%02x, expected 0x%02x (%u bytes bad); "
	       "last freed by %s, caller %s\n",
	       c->name, obj, first, p[first],
	       first == c->object_size - 1 ? POISON_END : POISON_FREE, bad,
	       KSYM(last_free_caller(c, obj)), KSYM(caller));
	poison_obj(c, obj, POISON_FREE);
}

/* Check both red zones are @want; report and repair otherwise. */
static void check_redzones(struct kmem_cache *c, void *obj, u64 want,
			   const char *state, unsigned long caller)
{
	u64 *rz1 = dbg_redzone1(c, obj), *rz2 = dbg_redzone2(c, obj);

	if (*rz1 == want && *rz2 == want)
		return;
	report_hdr();
	pr_err("BUG: %s: red zone overwritten on %s object %p: before "
	       "%#llx, after %#llx (expected %#llx); last alloc by %s, "
	       "caller %s\n",
	       c->name, state, obj, (unsigned long long)*rz1,
	       (unsigned long long)*rz2, (unsigned long long)want,
	       KSYM(last_alloc_caller(c, obj)), KSYM(caller));
	*rz1 = want;
	*rz2 = want;
}

/**
 * slab_debug_init_obj - prepare a new object of a debugged cache
 * @cachep: the cache
 * @obj: the object
 *
 * With poisoning the constructor runs at every allocation instead.
 */
void slab_debug_init_obj(struct kmem_cache *cachep, void *obj)
{
	if (cachep->flags & SLAB_RED_ZONE) {
		*dbg_redzone1(cachep, obj) = RED_INACTIVE;
		*dbg_redzone2(cachep, obj) = RED_INACTIVE;
	}
	if (cachep->flags & SLAB_STORE_USER) {
		dbg_user(cachep, obj)[0] = 0;
		dbg_user(cachep, obj)[1] = 0;
	}
	if (cachep->flags & SLAB_POISON)
		poison_obj(cachep, obj, POISON_FREE);
	else if (cachep->ctor)
		cachep->ctor(obj);
}

/**
 * slab_debug_alloc - checks and bookkeeping as an object is handed out
 * @cachep: the cache
 * @obj: the object
 * @flags: gfp flags of the allocation
 * @caller: the allocating caller
 *
 * Return: @obj.
 */
void *slab_debug_alloc(struct kmem_cache *cachep, void *obj, gfp_t flags,
		       unsigned long caller)
{
	if (cachep->flags & SLAB_RED_ZONE) {
		check_redzones(cachep, obj, RED_INACTIVE, "free", caller);
		*dbg_redzone1(cachep, obj) = RED_ACTIVE;
		*dbg_redzone2(cachep, obj) = RED_ACTIVE;
	}
	if (cachep->flags & SLAB_POISON) {
		check_poison_obj(cachep, obj, caller);
		if (cachep->ctor)
			cachep->ctor(obj);
		else if (!(flags & __GFP_ZERO))
			poison_obj(cachep, obj, POISON_INUSE);
	}
	if (cachep->flags & SLAB_STORE_USER)
		dbg_user(cachep, obj)[0] = caller;
	return obj;
}

/* Is @obj (index @idx) already free: on its slab or in a per-CPU stack? */
static bool obj_is_free(struct kmem_cache *c, struct slab *slabp,
			unsigned int idx, void *obj)
{
	struct kmem_cache_node *n = &c->node[slabp->nodeid];
	bool found;
	irqflags_t f;

	spin_lock_irqsave(&n->list_lock, f);
	found = slab_obj_is_free(c, slabp, idx);
	spin_unlock_irqrestore(&n->list_lock, f);
	if (!found)
		found = cpu_caches_hold(c, obj);
	return found;
}

/**
 * slab_debug_free - check a pointer being freed to @cachep
 * @cachep: the cache it is freed to
 * @obj: the pointer
 * @caller: the freeing caller
 *
 * Return: true if @obj may be inserted; false after a report (invalid
 * pointer, wrong cache, not an object start, double free).
 */
bool slab_debug_free(struct kmem_cache *cachep, void *obj, unsigned long caller)
{
	struct page *page;
	struct slab *slabp;
	uintptr_t start, off;
	unsigned int idx;

	page = virt_to_page_or_null(obj);
	if (!page || !PageSlab(page)) {
		report_hdr();
		pr_err("BUG: %s: invalid free of %p: not a slab object, "
		       "caller %s\n",
		       cachep->name, obj, KSYM(caller));
		return false;
	}
	if (page->slab_cache != cachep) {
		report_hdr();
		pr_err("BUG: %s: free of object %p to the wrong cache (it "
		       "belongs to %s), caller %s\n",
		       cachep->name, obj, page->slab_cache->name, KSYM(caller));
		return false;
	}
	slabp = page->slab_mgmt;
	start = (uintptr_t)slabp->s_mem + cachep->obj_offset;
	off = (uintptr_t)obj - start;
	if ((uintptr_t)obj < start || off % cachep->size ||
	    off / cachep->size >= cachep->num) {
		report_hdr();
		pr_err("BUG: %s: invalid free of %p: not the start of an "
		       "object, caller %s\n",
		       cachep->name, obj, KSYM(caller));
		return false;
	}
	idx = (unsigned int)(off / cachep->size);
	if (cachep->flags & SLAB_RED_ZONE) {
		if (*dbg_redzone1(cachep, obj) == RED_INACTIVE &&
		    *dbg_redzone2(cachep, obj) == RED_INACTIVE) {
			report_hdr();
			pr_err("BUG: %s: double free of object %p, last freed "
			       "by %s, caller %s\n",
			       cachep->name, obj,
			       KSYM(last_free_caller(cachep, obj)),
			       KSYM(caller));
			return false;
		}
		check_redzones(cachep, obj, RED_ACTIVE, "allocated", caller);
		*dbg_redzone1(cachep, obj) = RED_INACTIVE;
		*dbg_redzone2(cachep, obj) = RED_INACTIVE;
	} else if (obj_is_free(cachep, slabp, idx, obj)) {
		report_hdr();
		pr_err("BUG: %s: double free of object %p, last freed by "
		       "%s, caller %s\n",
		       cachep->name, obj, KSYM(last_free_caller(cachep, obj)),
		       KSYM(caller));
		return false;
	}
	if (cachep->flags & SLAB_STORE_USER)
		dbg_user(cachep, obj)[1] = caller;
	if (cachep->flags & SLAB_POISON)
		poison_obj(cachep, obj, POISON_FREE);
	return true;
}

/**
 * slab_debug_destroy_obj - last check of a free object as its slab goes
 * @cachep: the cache
 * @obj: the object
 */
void slab_debug_destroy_obj(struct kmem_cache *cachep, void *obj)
{
	if (cachep->flags & SLAB_POISON)
		check_poison_obj(cachep, obj, _RET_IP_);
	if (cachep->flags & SLAB_RED_ZONE)
		check_redzones(cachep, obj, RED_INACTIVE, "free", _RET_IP_);
}

static unsigned int report_slab_leaks(struct kmem_cache *c,
				      struct list_head *list,
				      unsigned int shown)
{
	struct slab *slabp;

	list_for_each_entry(slabp, list, list) {
		for (unsigned int i = 0; i < c->num && shown < 4; i++) {
			void *obj = index_to_obj(c, slabp, i);

			if (slab_obj_is_free(c, slabp, i))
				continue;
			pr_err("slab: %s: object %p still allocated (by "
			       "%s)\n",
			       c->name, obj, KSYM(last_alloc_caller(c, obj)));
			shown++;
		}
	}
	return shown;
}

/**
 * slab_report_leaks - kmem_cache_destroy() found live objects
 * @cachep: the cache (left alive)
 * @nr: objects still allocated
 * @caller: who called kmem_cache_destroy()
 */
void slab_report_leaks(struct kmem_cache *cachep, unsigned long nr,
		       unsigned long caller)
{
	unsigned int shown = 0;

	report_hdr();
	pr_err("slab: kmem_cache_destroy %s: %lu objects still allocated, "
	       "cache leaked instead of destroyed, caller %s\n",
	       cachep->name, nr, KSYM(caller));
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		shown = report_slab_leaks(
			cachep, &cachep->node[nid].slabs_partial, shown);
		shown = report_slab_leaks(cachep, &cachep->node[nid].slabs_full,
					  shown);
	}
}

/**
 * slab_bad_free - report a pointer that no allocator owns
 * @who: the freeing function ("kfree")
 * @obj: the pointer
 * @why: what is wrong with it
 * @caller: the caller
 */
void slab_bad_free(const char *who, const void *obj, const char *why,
		   unsigned long caller)
{
	report_hdr();
	pr_err("BUG: %s: invalid pointer %p (%s), caller %s\n", who, obj, why,
	       KSYM(caller));
}

/* ------------------------------------------------------------ slab_debug= */

/* Does @name match the comma list in slab_debug_names ("" = all)? */
static bool debug_name_match(const char *name)
{
	const char *p = slab_debug_names;

	if (!*p)
		return true;
	while (*p) {
		size_t len = strcspn(p, ",");

		if (len && p[len - 1] == '*') {
			if (!strncmp(name, p, len - 1))
				return true;
		} else if (strlen(name) == len && !strncmp(name, p, len)) {
			return true;
		}
		p += len;
		if (*p == ',')
			p++;
	}
	return false;
}

/**
 * slab_debug_flags_for - add slab_debug= flags for a cache being created
 * @name: the cache's name
 * @flags: flags given by the creator
 *
 * Return: @flags plus the command line's debug flags if @name matches,
 * minus the debug flags when built without CONFIG_SLAB_DEBUG.
 */
unsigned int slab_debug_flags_for(const char *name, unsigned int flags)
{
	if (slab_debug_flags_default && debug_name_match(name))
		flags |= slab_debug_flags_default;
	return flags & ~(SLAB_DEBUG_FLAGS & ~SLAB_DEBUG_MASK);
}

/**
 * slab_debug_setup - parse the value of slab_debug=
 * @arg: "" or NULL (all checks), letters from "FZPU" ("-" for none), then
 *	optionally ",name[,name...]" (a trailing '*' matches a prefix).  A
 *	leading '=' is skipped.
 *
 * Applies to caches created afterwards, so call it before kmem_cache_init()
 * to cover the kmalloc caches.  Return: 0, or -EINVAL (nothing changed).
 */
int slab_debug_setup(const char *arg)
{
	unsigned int flags = 0;
	const char *p = arg ? arg : "";

	if (*p == '=')
		p++;
	if (!*p || *p == ',')
		flags = SLAB_DEBUG_FLAGS;
	for (; *p && *p != ','; p++) {
		switch (*p) {
		case 'F':
		case 'f':
			flags |= SLAB_CONSISTENCY_CHECKS;
			break;
		case 'Z':
		case 'z':
			flags |= SLAB_RED_ZONE;
			break;
		case 'P':
		case 'p':
			flags |= SLAB_POISON;
			break;
		case 'U':
		case 'u':
			flags |= SLAB_STORE_USER;
			break;
		case '-':
			flags = 0;
			break;
		default:
			pr_err("slab: slab_debug: unknown option '%c'\n", *p);
			return -EINVAL;
		}
	}
	if (*p == ',') {
		p++;
		if (strlen(p) >= sizeof(slab_debug_names)) {
			pr_err("slab: slab_debug: cache list too long\n");
			return -EINVAL;
		}
		memcpy(slab_debug_names, p, strlen(p) + 1);
	} else {
		slab_debug_names[0] = 0;
	}
	slab_debug_flags_default = flags;
	if (flags && !IS_ENABLED(CONFIG_SLAB_DEBUG))
		pr_warn("slab: slab_debug= ignored: no CONFIG_SLAB_DEBUG\n");
	return 0;
}

/**
 * slab_debug_announce - say at boot which slab checks are on
 *
 * With CONFIG_SLAB_DEBUG the boot log names the checks in force, for
 * which caches, and the slab_debug= that turns on the rest.
 */
void slab_debug_announce(void)
{
	static const struct {
		unsigned int flag;
		char letter;
		const char *what;
	} checks[] = {
		{SLAB_CONSISTENCY_CHECKS, 'F', "free checks"},
		{SLAB_RED_ZONE, 'Z', "red zones"},
		{SLAB_POISON, 'P', "poisoning"},
		{SLAB_STORE_USER, 'U', "owner tracking"},
	};
	const unsigned int on = slab_debug_flags_default;
	char buf[2][128]; /* the four entries always fit */
	int len[2] = {0, 0};

	if (!IS_ENABLED(CONFIG_SLAB_DEBUG))
		return;
	buf[0][0] = buf[1][0] = '\0';
	for (unsigned int i = 0; i < ARRAY_SIZE(checks); i++) {
		int k = (on & checks[i].flag) ? 0 : 1;

		len[k] += snprintf(buf[k] + len[k], sizeof(buf[k]) - len[k],
				   "%s%c (%s)", len[k] ? ", " : "",
				   checks[i].letter, checks[i].what);
	}
	if (!on)
		pr_info("slab: debug checks built in (CONFIG_SLAB_DEBUG) but "
			"off; slab_debug=FZPU[,cache,...] turns on %s\n",
			buf[1]);
	else if (len[1])
		pr_info("slab: debug checks on for %s: %s; off: %s "
			"(slab_debug=FZPU[,cache,...] turns on all)\n",
			slab_debug_names[0] ? slab_debug_names : "all caches",
			buf[0], buf[1]);
	else
		pr_info("slab: debug checks on for %s: %s\n",
			slab_debug_names[0] ? slab_debug_names : "all caches",
			buf[0]);
}

/* ------------------------------------------------------------ slabinfo */

/**
 * slabinfo_dump - print every cache in /proc/slabinfo's format
 *
 * Objects parked in per-CPU stacks count as active, as in Linux.
 */
void slabinfo_dump(void)
{
	struct kmem_cache *c;

	pr_info("slabinfo - version: 2.1\n");
	pr_info("# name            <active_objs> <num_objs> <objsize> "
		"<objperslab> <pagesperslab> : slabdata <active_slabs> "
		"<num_slabs>\n");
	list_for_each_entry(c, &slab_caches, list) {
		unsigned long slabs = 0, free_slabs = 0, free_objs = 0;

		for (int nid = 0; nid < MAX_NUMNODES; nid++) {
			slabs += c->node[nid].total_slabs;
			free_slabs += c->node[nid].free_slabs;
			free_objs += c->node[nid].free_objects;
		}
		pr_info("%-17s %6lu %6lu %6u %4u %4u : slabdata %6lu %6lu\n",
			c->name, slabs * c->num - free_objs, slabs * c->num,
			c->size, c->num, 1U << c->gfporder, slabs - free_slabs,
			slabs);
	}
}
