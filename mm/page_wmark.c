// SPDX-License-Identifier: MIT
/**
 * DOC: watermarks and lowmem reserves
 *
 * min_free_kbytes (CONFIG_MIN_FREE_KBYTES, or Linux's 4 * sqrt(lowmem KiB)
 * when that is 0) is the memory kept free for emergencies, at most a
 * quarter of low memory (a larger value is capped, with a warning).  It is
 * split over the zones in proportion to their managed pages and becomes each
 * zone's min watermark; low and high sit a quarter of min (or 0.1% of the
 * zone, watermark_scale_factor) and twice that above it.  ZONE_MOVABLE gets
 * a small fixed min instead, since it cannot serve kernel allocations.
 *
 * lowmem_reserve[j] of a zone protects it from allocations that could have
 * used zone j above it: the managed pages of the zones above, divided by
 * sysctl_lowmem_reserve_ratio of this zone.
 */
#include <kernel/cmdline.h>
#include <kernel/errno.h>

#include "page_alloc_internal.h"

int min_free_kbytes = CONFIG_MIN_FREE_KBYTES;
int watermark_scale_factor = 10; /* in 1/10000 of the zone */

int sysctl_lowmem_reserve_ratio[MAX_NR_ZONES] = {
#ifdef CONFIG_ZONE_DMA
	[ZONE_DMA] = 256,
#endif
#ifdef CONFIG_ZONE_DMA32
	[ZONE_DMA32] = 256,
#endif
	[ZONE_NORMAL] = 32,
#ifdef CONFIG_ZONE_MOVABLE
	[ZONE_MOVABLE] = 0,
#endif
};

static inline bool is_movable_zone(const struct zone *zone)
{
#ifdef CONFIG_ZONE_MOVABLE
	return zone_idx(zone) == ZONE_MOVABLE;
#else
	(void)zone;
	return false;
#endif
}

static unsigned long int_sqrt(unsigned long x)
{
	unsigned long r = 0, bit = 1UL << (BITS_PER_LONG - 2);

	while (bit > x)
		bit >>= 2;
	while (bit) {
		if (x >= r + bit) {
			x -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
		bit >>= 2;
	}
	return r;
}

static void setup_per_zone_lowmem_reserve(void)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		pg_data_t *pgdat = node_data[nid];

		if (!pgdat)
			continue;
		for (int i = 0; i < MAX_NR_ZONES; i++) {
			struct zone *zone = &pgdat->node_zones[i];
			int ratio = sysctl_lowmem_reserve_ratio[i];
			bool clear = !ratio || !zone_managed_pages(zone);
			unsigned long upper = 0;

			zone->lowmem_reserve[i] = 0;
			for (int j = i + 1; j < MAX_NR_ZONES; j++) {
				upper += zone_managed_pages(
					&pgdat->node_zones[j]);
				zone->lowmem_reserve[j] =
					clear ? 0
					      : (long)(upper /
						       (unsigned long)ratio);
			}
		}
	}
}

/* Pages that normal allocations can never get: reserves plus high marks. */
static void calculate_totalreserve_pages(void)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		pg_data_t *pgdat = node_data[nid];
		unsigned long reserve = 0;

		if (!pgdat)
			continue;
		for (int i = 0; i < MAX_NR_ZONES; i++) {
			struct zone *zone = &pgdat->node_zones[i];
			long max = 0;

			for (int j = i; j < MAX_NR_ZONES; j++)
				max = max(max, zone->lowmem_reserve[j]);
			max += (long)high_wmark_pages(zone);
			reserve += min((unsigned long)max,
				       zone_managed_pages(zone));
		}
		pgdat->totalreserve_pages = reserve;
	}
}

/*
 * A reserve of more than a quarter of low memory leaves too little to boot
 * on (CONFIG_MIN_FREE_KBYTES allows up to 1 GiB whatever the machine's
 * size): cap it there and say so, rather than panic in the first slab.
 */
static int min_free_kbytes_capped(unsigned long lowmem_pages)
{
	unsigned long max_kb = (lowmem_pages << (PAGE_SHIFT - 10)) / 4;

	if (!lowmem_pages || (unsigned long)min_free_kbytes <= max_kb)
		return min_free_kbytes;
	pr_warn("mm: min_free_kbytes=%d is more than a quarter of low memory "
		"(%lu KiB): using %lu\n",
		min_free_kbytes, lowmem_pages << (PAGE_SHIFT - 10), max_kb);
	return (int)max_kb;
}

/**
 * setup_per_zone_wmarks - compute watermarks and lowmem reserves
 *
 * Called after the handoff from memblock and whenever min_free_kbytes
 * changes.
 */
void setup_per_zone_wmarks(void)
{
	unsigned long lowmem_pages = 0, pages_min;
	struct zone *zone;

	for_each_zone(zone)
		if (!is_movable_zone(zone))
			lowmem_pages += zone_managed_pages(zone);
	if (min_free_kbytes <= 0) {
		/* Linux's default: 4 * sqrt(lowmem KiB), 128 KiB .. 256 MiB */
		unsigned long kb = lowmem_pages << (PAGE_SHIFT - 10);

		min_free_kbytes =
			(int)clamp(int_sqrt(kb * 16), 128UL, 262144UL);
	}
	min_free_kbytes = min_free_kbytes_capped(lowmem_pages);
	pages_min = (unsigned long)min_free_kbytes >> (PAGE_SHIFT - 10);

	for_each_zone(zone) {
		unsigned long managed = zone_managed_pages(zone);
		u64 tmp = lowmem_pages ? (u64)pages_min * managed / lowmem_pages
				       : 0;

		if (is_movable_zone(zone)) {
			/* kernel allocations cannot use it: a token min */
			zone->_watermark[WMARK_MIN] =
				clamp(managed / 1024, 32UL, 128UL);
			if (zone->_watermark[WMARK_MIN] > managed / 4)
				zone->_watermark[WMARK_MIN] = managed / 4;
		} else {
			zone->_watermark[WMARK_MIN] = (unsigned long)tmp;
		}
		tmp = max(tmp >> 2,
			  (u64)managed * (u64)watermark_scale_factor / 10000);
		zone->_watermark[WMARK_LOW] =
			min_wmark_pages(zone) + (unsigned long)tmp;
		zone->_watermark[WMARK_HIGH] =
			min_wmark_pages(zone) + (unsigned long)tmp * 2;
	}
	setup_per_zone_lowmem_reserve();
	calculate_totalreserve_pages();
	for_each_zone(zone) {
		irqflags_t flags;

		zone_lock_irqsave(zone, flags);
		zone_update_wmark_ok(zone);
		zone_unlock_irqrestore(zone, flags);
	}
}

/**
 * cmdline_parse_min_free_kbytes - set min_free_kbytes (kilobytes)
 * @arg: decimal value
 *
 * Watermarks are recomputed if the zones are already set up.
 * Return: 0 or -EINVAL.
 */
int cmdline_parse_min_free_kbytes(const char *arg)
{
	u64 v;

	if (memparse_value(arg, &v, NULL) || v > (1ULL << 30))
		return -EINVAL;
	min_free_kbytes = (int)v;
	if (_totalram_pages)
		setup_per_zone_wmarks();
	return 0;
}
