// SPDX-License-Identifier: MIT
/**
 * DOC: page allocator checks, poisoning and dumps
 *
 * bad_page() reports a page that fails the free-time (or, with
 * CONFIG_DEBUG_VM, allocation-time) checks as Linux does ("BUG: Bad page
 * state") and counts it in nr_bad_pages; the caller then leaks the page.
 *
 * With CONFIG_PAGE_POISONING (runtime switch page_poisoning_enabled) freed
 * pages are filled with PAGE_POISON and marked PG_poisoned; the allocation
 * that takes them verifies the pattern.  A mismatch means someone wrote to
 * free memory: it is reported once per page ("pagealloc: memory corruption
 * at pfn ..."), counted in nr_poison_corruptions, and the page is handed out
 * anyway since its contents are the new owner's business.
 *
 * The dumps follow Linux's /proc formats: buddyinfo, pagetypeinfo, zoneinfo,
 * vmstat-style events, and show_free_areas() for allocation failures.
 */
#include <kernel/kallsyms.h>
#include <kernel/string.h>
#include <kernel/taint.h>

#include "page_alloc_internal.h"

unsigned long nr_bad_pages;
unsigned long nr_poison_corruptions;
bool page_poisoning_enabled = IS_ENABLED(CONFIG_PAGE_POISONING);

/* Reports beyond this many are only counted. */
#define BAD_PAGE_REPORTS_MAX 64

const char *const migratetype_names[MIGRATE_TYPES] = {
	"Unmovable", "Movable", "Reclaimable", "HighAtomic", "Isolate",
};

static const char migratetype_letters[MIGRATE_TYPES] = {'U', 'M', 'E', 'H',
							'I'};

const char *const vm_event_names[NR_VM_EVENT_ITEMS] = {
	[PGALLOC] = "pgalloc",
	[PGFREE] = "pgfree",
	[PGALLOC_FAIL] = "pgalloc_fail",
	[NUMA_HIT] = "numa_hit",
	[NUMA_MISS] = "numa_miss",
	[NUMA_FOREIGN] = "numa_foreign",
	[NUMA_LOCAL] = "numa_local",
	[NUMA_OTHER] = "numa_other",
	[ALLOCSTALL] = "allocstall",
	[SLABS_SCANNED] = "slabs_scanned",
	[PGSTEAL_BLOCK] = "pgsteal_block",
	[PGALLOC_FALLBACK] = "pgalloc_fallback",
	[PCP_DRAIN] = "pcp_drain",
};

struct vm_event_state vm_event_states[CONFIG_NR_CPUS];

/**
 * bad_page - report a page in a state it must not be in
 * @page: the page
 * @order: order of the operation
 * @reason: what is wrong
 * @caller: return address of the API call (_RET_IP_)
 */
void bad_page(const struct page *page, unsigned int order, const char *reason,
	      unsigned long caller)
{
	nr_bad_pages++;
	add_taint(TAINT_BAD_PAGE);
	if (nr_bad_pages > BAD_PAGE_REPORTS_MAX)
		return;
	pr_err("BUG: Bad page state: pfn:%05lx order:%u caller:%s\n",
	       page_to_pfn(page), order, KSYM(caller));
	pr_err("page:%p flags:%#lx refcount:%d private:%u node:%d zone:%d\n",
	       (const void *)page, page->flags & PAGE_FLAGS_LOW_MASK,
	       page->_refcount, page->private, page_to_nid(page),
	       page_zonenum(page));
	pr_err("page dumped because: %s\n", reason);
	if (nr_bad_pages == BAD_PAGE_REPORTS_MAX)
		pr_err("BUG: Bad page state: further reports suppressed\n");
}

/* Allocation-time sanity check (CONFIG_DEBUG_VM). */
bool check_new_page_bad(const struct page *page)
{
	if (likely(!(page->flags & PAGE_FLAGS_CHECK_AT_FREE) &&
		   !page->_refcount))
		return false;
	bad_page(page, 0, "bad page state at allocation", _RET_IP_);
	return true;
}

/*
 * The head page of a block being freed: report why it must not be freed
 * (bad_page()), if so.
 */
bool free_page_is_bad(struct page *page, unsigned long pfn, unsigned int order,
		      unsigned long caller)
{
	const char *reason = NULL;

	if (page->flags & (1UL << PG_reserved))
		reason = "PG_reserved set (freeing a reserved page)";
	else if (page->flags & ((1UL << PG_buddy) | (1UL << PG_pcp)))
		reason = "page already free";
	else if (page->flags & ((1UL << PG_slab) | (1UL << PG_large_kmalloc)))
		reason = "PG_slab/PG_large_kmalloc still set";
	else if (page->flags & PAGE_FLAGS_CHECK_AT_FREE)
		reason = "PAGE_FLAGS_CHECK_AT_FREE flag(s) set";
	else if (pfn & ((1UL << order) - 1))
		reason = "not aligned to its order";
	else if (page->_refcount != 0)
		reason = "nonzero _refcount";
	if (!reason)
		return false;
	bad_page(page, order, reason, caller);
	return true;
}

/*
 * A tail page of a block being freed must be an ordinary page of that
 * block: no state flag (free, reserved, slab), not the head of another
 * compound allocation, and no reference of its own.  A tail page with a
 * reference belongs to someone else: the block was freed with too large
 * an order (Linux's free_tail_page_prepare() and free_page_is_bad()).
 */
bool free_tail_pages_bad(struct page *page, unsigned int order,
			 unsigned long caller)
{
	for (unsigned long i = 1; i < (1UL << order); i++) {
		const struct page *tail = page + i;
		const char *reason = NULL;

		if (tail->flags & PAGE_FLAGS_CHECK_AT_FREE)
			reason = "tail page flags set at free";
		else if (PageHead(tail))
			reason = "tail page is the head of another compound "
				 "page";
		else if (tail->_refcount != 0)
			reason = "tail page has a nonzero _refcount (freed "
				 "with too large an order?)";
		if (reason) {
			bad_page(tail, order, reason, caller);
			return true;
		}
	}
	return false;
}

/* ---- poisoning ---- */

void kernel_poison_pages(struct page *page, unsigned int order)
{
	for (unsigned long i = 0; i < (1UL << order); i++) {
		memset(page_address(page + i), PAGE_POISON, PAGE_SIZE);
		__SetPagePoisoned(page + i);
	}
}

static void check_poison_page(struct page *page)
{
	const u8 *mem = page_address(page);
	unsigned long off;

	for (off = 0; off < PAGE_SIZE; off++)
		if (mem[off] != PAGE_POISON)
			break;
	if (off == PAGE_SIZE)
		return;
	nr_poison_corruptions++;
	add_taint(TAINT_BAD_PAGE);
	pr_err("pagealloc: memory corruption at pfn %#lx offset %#lx "
	       "(byte %#x, expected %#x)\n",
	       page_to_pfn(page), off, mem[off], PAGE_POISON);
}

/**
 * check_poison_pages - verify the poison of a block being allocated
 * @page: first page
 * @order: block order
 * @verify: false only clears PG_poisoned (poisoning switched off since)
 *
 * Pages that were poisoned when freed must still hold PAGE_POISON.
 */
void check_poison_pages(struct page *page, unsigned int order, bool verify)
{
	for (unsigned long i = 0; i < (1UL << order); i++) {
		if (!PagePoisoned(page + i))
			continue;
		if (verify)
			check_poison_page(page + i);
		__ClearPagePoisoned(page + i);
	}
}

/* ---- accounting ---- */

/* One zone counter summed over all populated zones, CPU diffs included. */
static unsigned long sum_zone_page_state(enum zone_stat_item item)
{
	struct zone *zone;
	unsigned long sum = 0;

	for_each_populated_zone(zone)
		sum += zone_page_state_snapshot(zone, item);
	return sum;
}

/**
 * nr_free_pages - free pages in the buddy lists of all zones
 *
 * Pages parked on the per-cpu lists are not included (as in Linux).
 */
unsigned long nr_free_pages(void)
{
	return sum_zone_page_state(NR_FREE_PAGES);
}

/**
 * nr_free_pcp_pages - free pages parked on the per-cpu lists of all zones
 *
 * They are free (the next order-0 allocation takes them) but not in the
 * buddy lists, so not in nr_free_pages(): a count of every free page is
 * the sum of the two.
 */
unsigned long nr_free_pcp_pages(void)
{
	return sum_zone_page_state(NR_FREE_PCP);
}

/**
 * si_meminfo - fill the memory totals of @val (in pages of mem_unit bytes)
 * @val: the result
 */
void si_meminfo(struct sysinfo *val)
{
	memset(val, 0, sizeof(*val));
	val->totalram = totalram_pages();
	val->freeram = nr_free_pages();
	val->mem_unit = PAGE_SIZE;
}

/* ---- statistics ---- */

/**
 * sum_vm_event - one event counter summed over all CPUs
 * @item: the event
 */
unsigned long sum_vm_event(enum vm_event_item item)
{
	unsigned long sum = 0;

	for (int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++)
		sum += __atomic_load_n(&vm_event_states[cpu].event[item],
				       __ATOMIC_RELAXED);
	/* the pcp fast paths keep their own per-cpu deltas */
	return sum + pcp_fast_events(item);
}

/**
 * all_vm_events - sum every event counter over the CPUs
 * @ret: array of NR_VM_EVENT_ITEMS results
 */
void all_vm_events(unsigned long *ret)
{
	for (int i = 0; i < NR_VM_EVENT_ITEMS; i++)
		ret[i] = sum_vm_event((enum vm_event_item)i);
}

/**
 * dump_vm_events - print every event counter ("pgalloc 123"), vmstat style
 */
void dump_vm_events(void)
{
	for (int i = 0; i < NR_VM_EVENT_ITEMS; i++)
		pr_info("%s %lu\n", vm_event_names[i],
			sum_vm_event((enum vm_event_item)i));
}

/**
 * dump_buddyinfo - print free blocks per order, as Linux's /proc/buddyinfo
 */
void dump_buddyinfo(void)
{
	struct zone *zone;

	for_each_populated_zone(zone) {
		pr_info("Node %d, zone %8s ", zone->node, zone->name);
		for (int o = 0; o < MAX_ORDER; o++)
			pr_cont("%6lu ", zone->free_area[o].nr_free);
		pr_cont("\n");
	}
}

static unsigned long count_free_list(const struct list_head *head)
{
	const struct list_head *pos;
	unsigned long n = 0;

	list_for_each(pos, head)
		n++;
	return n;
}

/**
 * dump_pagetypeinfo - print free blocks per order and migratetype, as
 *	Linux's /proc/pagetypeinfo
 */
void dump_pagetypeinfo(void)
{
	struct zone *zone;

	pr_info("Page block order: %d\n", pageblock_order);
	pr_info("Pages per block:  %lu\n", pageblock_nr_pages);
	pr_info("Free pages count per migrate type at order ");
	for (int o = 0; o < MAX_ORDER; o++)
		pr_cont("%6d ", o);
	pr_cont("\n");
	for_each_populated_zone(zone) {
		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			pr_info("Node %4d, zone %8s, type %12s ", zone->node,
				zone->name, migratetype_names[mt]);
			for (int o = 0; o < MAX_ORDER; o++)
				pr_cont("%6lu ",
					count_free_list(
						&zone->free_area[o]
							 .free_list[mt]));
			pr_cont("\n");
		}
	}
}

/**
 * dump_zoneinfo - print watermarks, sizes, reserves and pcp state of every
 *	zone, as the allocator's part of Linux's /proc/zoneinfo
 */
void dump_zoneinfo(void)
{
	struct zone *zone;

	for_each_zone(zone) {
		pr_info("Node %d, zone %8s\n", zone->node, zone->name);
		pr_info("  pages free     %lu\n",
			zone_page_state(zone, NR_FREE_PAGES));
		pr_info("        min      %lu\n", min_wmark_pages(zone));
		pr_info("        low      %lu\n", low_wmark_pages(zone));
		pr_info("        high     %lu\n", high_wmark_pages(zone));
		pr_info("        spanned  %lu\n", zone->spanned_pages);
		pr_info("        present  %lu\n", zone->present_pages);
		pr_info("        managed  %lu\n", zone->managed_pages);
		pr_info("        protection: (");
		for (int j = 0; j < MAX_NR_ZONES; j++)
			pr_cont("%s%ld", j ? ", " : "",
				zone->lowmem_reserve[j]);
		pr_cont(")\n");
		if (!populated_zone(zone))
			continue; /* Linux stops here for empty zones too */
		pr_info("      nr_free_pcp %lu\n",
			zone_page_state_snapshot(zone, NR_FREE_PCP));
		pr_info("  pagesets\n");
		for (int cpu = 0; cpu < CONFIG_NR_CPUS; cpu++) {
			const struct per_cpu_pages *pcp = &zone->pageset[cpu];

			pr_info("    cpu: %d\n", cpu);
			pr_info("              count: %d\n", pcp->count);
			pr_info("              high:  %d\n", pcp->high);
			pr_info("              batch: %d\n", pcp->batch);
		}
		pr_info("  start_pfn:           %lu\n", zone->zone_start_pfn);
	}
}

/**
 * show_free_areas - print the free memory state of every zone
 *
 * Printed when an allocation fails; the format follows Linux's.
 */
void show_free_areas(void)
{
	struct zone *zone;

	for_each_populated_zone(zone) {
		unsigned long total = 0;

		pr_info("Node %d %s free:%lukB min:%lukB low:%lukB high:%lukB "
			"reserved_highatomic:%lukB present:%lukB "
			"managed:%lukB free_pcp:%lukB\n",
			zone->node, zone->name,
			zone_page_state(zone, NR_FREE_PAGES)
				<< (PAGE_SHIFT - 10),
			min_wmark_pages(zone) << (PAGE_SHIFT - 10),
			low_wmark_pages(zone) << (PAGE_SHIFT - 10),
			high_wmark_pages(zone) << (PAGE_SHIFT - 10),
			zone->nr_reserved_highatomic << (PAGE_SHIFT - 10),
			zone->present_pages << (PAGE_SHIFT - 10),
			zone->managed_pages << (PAGE_SHIFT - 10),
			zone_page_state_snapshot(zone, NR_FREE_PCP)
				<< (PAGE_SHIFT - 10));
		pr_info("lowmem_reserve[]:");
		for (int j = 0; j < MAX_NR_ZONES; j++)
			pr_cont(" %ld", zone->lowmem_reserve[j]);
		pr_cont("\n");
		pr_info("Node %d %s: ", zone->node, zone->name);
		for (int o = 0; o < MAX_ORDER; o++) {
			const struct free_area *area = &zone->free_area[o];

			pr_cont("%lu*%lukB ", area->nr_free,
				(PAGE_SIZE >> 10) << o);
			if (area->nr_free) {
				pr_cont("(");
				for (int mt = 0; mt < MIGRATE_TYPES; mt++)
					if (!free_area_empty(area, mt))
						pr_cont("%c",
							migratetype_letters
								[mt]);
				pr_cont(") ");
			}
			total += area->nr_free << o;
		}
		pr_cont("= %lukB\n", total * (PAGE_SIZE >> 10));
	}
	pr_info("%lu pages RAM managed, %lu free\n", totalram_pages(),
		nr_free_pages());
}

/**
 * warn_alloc - report a failed allocation (unless __GFP_NOWARN)
 * @gfp: its flags
 * @nodemask: allowed nodes, or NULL
 * @order: its order
 */
void warn_alloc(gfp_t gfp, nodemask_t *nodemask, unsigned int order)
{
	pr_warn("page allocation failure: order:%u, mode:%#x, nodemask=", order,
		gfp);
	if (nodemask)
		pr_cont("%#lx\n", nodemask->bits[0]);
	else
		pr_cont("(null)\n");
	show_free_areas();
}
