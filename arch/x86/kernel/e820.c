// SPDX-License-Identifier: MIT
/*
 * DOC: E820 memory map
 *
 * Firmware tables are taken as untrusted input: empty entries and
 * entries whose end wraps past 2^64 are dropped with a message, an
 * unsorted table and overlaps between types are reported, a table with
 * fewer than two entries is refused (the caller has a fallback), and more
 * than E820_MAX_ENTRIES entries are reported and cut.  e820__update_table()
 * then turns whatever is left into a clean map: sorted, non-overlapping,
 * adjacent same-type ranges merged, empty ranges gone.  Overlaps resolve
 * to the numerically highest type, as Linux does: RAM (type 1) loses to
 * everything, so memory somebody calls reserved is never handed out.
 *
 * Only kernel/ headers and the E820 header are used, so the file builds on
 * the host (tests/host/test_e820.c); memblock is touched only by
 * e820_memblock.c.
 */
#include <asm/e820.h>
#include <kernel/cmdline.h>
#include <kernel/errno.h>
#include <kernel/printf.h>
#include <kernel/printk.h>
#include <kernel/string.h>

static struct e820_table e820_table_init;
static struct e820_table e820_table_firmware_init;

struct e820_table *e820_table = &e820_table_init;
struct e820_table *e820_table_firmware = &e820_table_firmware_init;
bool e820_userdef;

const char *e820_type_name(u32 type, char *buf)
{
	switch (type) {
	case E820_TYPE_RAM:
	/* Linux prints kernel-claimed RAM as what it was: usable. */
	case E820_TYPE_RESERVED_KERN:
		return "usable";
	case E820_TYPE_RESERVED:
		return "reserved";
	case E820_TYPE_SOFT_RESERVED:
		return "soft reserved";
	case E820_TYPE_ACPI:
		return "ACPI data";
	case E820_TYPE_NVS:
		return "ACPI NVS";
	case E820_TYPE_UNUSABLE:
		return "unusable";
	case E820_TYPE_PMEM:
		return "persistent (type 7)";
	case E820_TYPE_PRAM:
		return "persistent (type 12)";
	default:
		/* Both halves bounded: "type 4294967295" is 15 chars. */
		snprintf(buf, 16, "type %u", type);
		return buf;
	}
}

void e820__print_table(const char *who)
{
	char buf[16];

	for (u32 i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *e = &e820_table->entries[i];

		/* Explicit "0x": "%#" drops the prefix for zero. */
		pr_info("%s: [mem 0x%016llx-0x%016llx] %s\n", who,
			(unsigned long long)e->addr,
			(unsigned long long)(e->addr + e->size - 1),
			e820_type_name(e->type, buf));
	}
}

static void __e820__range_add(struct e820_table *table, u64 start, u64 size,
			      u32 type)
{
	u32 n = table->nr_entries;

	if (!size)
		return;
	/* Ending exactly at 2^64 is allowed: the last byte is ~0. */
	if (start + size - 1 < start) {
		pr_err("e820: range at 0x%llx, size 0x%llx wraps past 2^64; ignored\n",
		       (unsigned long long)start, (unsigned long long)size);
		return;
	}
	if (n >= E820_MAX_ENTRIES) {
		pr_err("e820: too many entries (max %d); ignoring [mem 0x%016llx-0x%016llx]\n",
		       E820_MAX_ENTRIES, (unsigned long long)start,
		       (unsigned long long)(start + size - 1));
		return;
	}
	table->entries[n].addr = start;
	table->entries[n].size = size;
	table->entries[n].type = type;
	table->nr_entries = n + 1;
}

void e820__range_add(u64 start, u64 size, u32 type)
{
	__e820__range_add(e820_table, start, size, type);
}

/* Per-entry complaints about one firmware table stop after this many
 * (a garbage table has up to E820_MAX_ENTRIES); the total is printed. */
#define E820_SKIP_REPORTS 8

static bool fw_entry_valid(const struct boot_e820_entry *e)
{
	return e->size && e->addr + e->size - 1 >= e->addr;
}

/*
 * Overlaps between entries of different types are resolved by the
 * sanitizer, but they mean the firmware contradicts itself: name the
 * first such pair and count the rest.  At most E820_MAX_ENTRIES entries
 * (the callers cut longer tables), so the quadratic scan is cheap.
 */
static void report_fw_overlaps(const struct boot_e820_entry *entries,
			       u32 nr_entries)
{
	const struct boot_e820_entry *a = NULL, *b = NULL;
	char abuf[16], bbuf[16], more[40] = "";
	u32 pairs = 0, ai = 0, bi = 0;

	for (u32 i = 0; i < nr_entries; i++) {
		const struct boot_e820_entry *x = &entries[i];

		if (!fw_entry_valid(x))
			continue;
		for (u32 j = i + 1; j < nr_entries; j++) {
			const struct boot_e820_entry *y = &entries[j];

			if (!fw_entry_valid(y) || x->type == y->type ||
			    x->addr > y->addr + y->size - 1 ||
			    y->addr > x->addr + x->size - 1)
				continue;
			if (!pairs++) {
				a = x;
				b = y;
				ai = i;
				bi = j;
			}
		}
	}
	if (!pairs)
		return;
	if (pairs > 1)
		snprintf(more, sizeof(more), " (%u overlapping pairs in all)",
			 pairs);
	pr_warn("e820: firmware entries %u [mem 0x%016llx-0x%016llx] %s and %u [mem 0x%016llx-0x%016llx] %s overlap%s; the higher type wins\n",
		ai, (unsigned long long)a->addr,
		(unsigned long long)(a->addr + a->size - 1),
		e820_type_name(a->type, abuf), bi, (unsigned long long)b->addr,
		(unsigned long long)(b->addr + b->size - 1),
		e820_type_name(b->type, bbuf), more);
}

int __append_e820_table(const struct boot_e820_entry *entries, u32 nr_entries)
{
	u32 skipped = 0, prev = 0;
	bool have_prev = false, unsorted = false;

	for (u32 i = 0; i < nr_entries; i++) {
		u64 start = entries[i].addr, size = entries[i].size;
		u32 type = entries[i].type;

		/* Empty entries say nothing; ones that run off the end of
		 * the address space (Linux checks for these too: firmware
		 * has reported them) cannot be trusted for anything. */
		if (!fw_entry_valid(&entries[i])) {
			if (skipped++ < E820_SKIP_REPORTS)
				pr_err("e820: firmware entry %u [0x%llx + 0x%llx] %s; skipped\n",
				       i, (unsigned long long)start,
				       (unsigned long long)size,
				       size ? "overflows 64 bits"
					    : "has size 0");
			continue;
		}
		if (have_prev && !unsorted && start < entries[prev].addr) {
			pr_warn("e820: firmware map is not sorted: entry %u at 0x%llx follows entry %u at 0x%llx; sorting it\n",
				i, (unsigned long long)start, prev,
				(unsigned long long)entries[prev].addr);
			unsorted = true;
		}
		prev = i;
		have_prev = true;
		__e820__range_add(e820_table, start, size, type);
	}
	if (skipped > E820_SKIP_REPORTS)
		pr_err("e820: %u firmware entries skipped in all\n", skipped);
	report_fw_overlaps(entries, nr_entries);
	return 0;
}

int append_e820_table(const struct boot_e820_entry *entries, u32 nr_entries)
{
	/* A PC always has at least low memory and extended memory. */
	if (nr_entries < 2) {
		pr_warn("e820: firmware map has %u entr%s; not trusting it\n",
			nr_entries, nr_entries == 1 ? "y" : "ies");
		return -EINVAL;
	}
	return __append_e820_table(entries, nr_entries);
}

/* Conventional memory ends at 640 KiB; the EBDA and ROMs follow. */
#define E820_LOWMEM_MAX_KIB 640U
#define E820_HIGH_MEMORY 0x100000ULL

int e820__basic_meminfo(u32 lower_kib, u32 upper_kib)
{
	u32 lower = min(lower_kib, E820_LOWMEM_MAX_KIB);

	e820_table->nr_entries = 0;
	if (!lower && !upper_kib)
		return -ENODATA;
	if (lower_kib > E820_LOWMEM_MAX_KIB)
		pr_warn("e820: basic meminfo says %u KiB of low memory; using %u\n",
			lower_kib, E820_LOWMEM_MAX_KIB);
	/* An empty range is simply not added. */
	__e820__range_add(e820_table, 0, (u64)lower << 10, E820_TYPE_RAM);
	__e820__range_add(e820_table, E820_HIGH_MEMORY, (u64)upper_kib << 10,
			  E820_TYPE_RAM);
	return 0;
}

/*
 * Change-point sanitizer.  Every non-empty entry contributes a start and
 * an end point; sweeping the points in address order while tracking which
 * entries cover the sweep position gives, between consecutive distinct
 * addresses, the set of overlapping entries - and the resulting type is
 * the largest of theirs.  Points at one address are applied together, so
 * touching ranges of one type come out merged and no empty pieces appear.
 * Static scratch space: this runs before any allocator, and only once or
 * twice per boot.
 */
struct change_point {
	u64 addr;
	u32 entry; /* index into the input table */
	bool is_start;
};

static struct change_point cpoints[2 * E820_MAX_ENTRIES];
static u32 active[E820_MAX_ENTRIES];
static struct e820_entry sanitized[E820_MAX_ENTRIES];

static bool cpoint_before(const struct change_point *a,
			  const struct change_point *b)
{
	return a->addr < b->addr;
}

/*
 * Fill cpoints[] with the start and end of every non-empty entry of
 * @table, in address order.  *@ends_at_top says whether an entry ends
 * exactly at 2^64 (its end point is stored as ~0).  Returns the count.
 */
static u32 e820_change_points(const struct e820_table *table, bool *ends_at_top)
{
	u32 nr_points = 0;

	for (u32 i = 0; i < table->nr_entries; i++) {
		const struct e820_entry *e = &table->entries[i];
		u64 end = e->addr + e->size;

		if (!e->size)
			continue;
		/* A range ending exactly at 2^64 is fine: end wraps to 0,
		 * which only the last point can have.  Anything else that
		 * wraps was let in by a bug: drop it rather than sort it. */
		if (end && end < e->addr) {
			pr_err("e820: dropping wrapping entry 0x%llx+0x%llx\n",
			       (unsigned long long)e->addr,
			       (unsigned long long)e->size);
			continue;
		}
		*ends_at_top |= !end;
		cpoints[nr_points++] = (struct change_point){e->addr, i, true};
		cpoints[nr_points++] =
			(struct change_point){end ? end : ~0ULL, i, false};
	}

	/* Insertion sort: at most 256 points, and usually nearly sorted. */
	for (u32 i = 1; i < nr_points; i++) {
		struct change_point p = cpoints[i];
		u32 j = i;

		while (j > 0 && cpoint_before(&p, &cpoints[j - 1])) {
			cpoints[j] = cpoints[j - 1];
			j--;
		}
		cpoints[j] = p;
	}

	return nr_points;
}

int e820__update_table(struct e820_table *table)
{
	u32 nr_points, nr_active = 0, nr_new = 0;
	u32 cur_type = 0;
	u64 cur_start = 0;
	bool open = false, ends_at_top = false;

	if (table->nr_entries > E820_MAX_ENTRIES)
		return -EINVAL;
	nr_points = e820_change_points(table, &ends_at_top);

	for (u32 i = 0; i < nr_points;) {
		u64 addr = cpoints[i].addr;
		u32 type = 0;

		/* Apply every point at this address before deciding. */
		for (; i < nr_points && cpoints[i].addr == addr; i++) {
			if (cpoints[i].is_start) {
				active[nr_active++] = cpoints[i].entry;
				continue;
			}
			for (u32 k = 0; k < nr_active; k++) {
				if (active[k] == cpoints[i].entry) {
					active[k] = active[--nr_active];
					break;
				}
			}
		}
		for (u32 k = 0; k < nr_active; k++)
			type = max(type, table->entries[active[k]].type);

		if (open && type == cur_type)
			continue;
		if (open) {
			/* Overlaps can split an entry in three, so the
			 * result may outgrow the table: keep the low part,
			 * as Linux does, and say so. */
			if (nr_new == E820_MAX_ENTRIES) {
				pr_err("e820: sanitized map needs more than %d entries; truncated at 0x%llx\n",
				       E820_MAX_ENTRIES,
				       (unsigned long long)cur_start);
				break;
			}
			sanitized[nr_new].addr = cur_start;
			sanitized[nr_new].size = addr - cur_start;
			sanitized[nr_new].type = cur_type;
			/* An entry ending at 2^64 was stored as ~0: keep its
			 * last byte. */
			if (addr == ~0ULL && i == nr_points && ends_at_top &&
			    sanitized[nr_new].size != ~0ULL)
				sanitized[nr_new].size++;
			nr_new++;
		}
		open = type != 0;
		cur_type = type;
		cur_start = addr;
	}

	memcpy(table->entries, sanitized, nr_new * sizeof(sanitized[0]));
	table->nr_entries = nr_new;
	return 0;
}

/* The end of [start, start + size), cut at 2^64 (then ~0 is the end). */
static u64 range_end(u64 start, u64 size)
{
	u64 end = start + size;

	return end < start ? ~0ULL : end;
}

/*
 * The part [*lo, *hi) of entry @e inside [start, end).  Returns false
 * when they do not overlap.
 */
static bool entry_overlap(const struct e820_entry *e, u64 start, u64 end,
			  u64 *lo, u64 *hi)
{
	*lo = max(start, e->addr);
	*hi = min(end, e->addr + e->size);
	return *lo < *hi;
}

/*
 * Cut [lo, hi), which lies in entry @i without covering it, out of it.
 * What is left on either side keeps the entry's type; a cut in the
 * middle leaves the tail as a new entry at the end of the table.
 */
static void entry_cut(struct e820_table *t, u32 i, u64 lo, u64 hi)
{
	struct e820_entry *e = &t->entries[i];
	u64 e_end = e->addr + e->size;

	if (e->addr < lo && hi < e_end) {
		e->size = lo - e->addr;
		__e820__range_add(t, hi, e_end - hi, e->type);
	} else if (e->addr < lo) {
		e->size = lo - e->addr;
	} else {
		e->size = e_end - hi;
		e->addr = hi;
	}
}

u64 e820__range_update(u64 start, u64 size, u32 old_type, u32 new_type)
{
	struct e820_table *t = e820_table;
	u64 end = range_end(start, size), updated = 0;

	if (old_type == new_type || !size)
		return 0;
	/* New pieces are appended with new_type, so the loop skips them. */
	for (u32 i = 0; i < t->nr_entries; i++) {
		struct e820_entry *e = &t->entries[i];
		u64 lo, hi;

		if (e->type != old_type)
			continue;
		if (start <= e->addr && e->addr + e->size <= end) {
			e->type = new_type;
			updated += e->size;
			continue;
		}
		if (!entry_overlap(e, start, end, &lo, &hi))
			continue;
		__e820__range_add(t, lo, hi - lo, new_type);
		updated += hi - lo;
		entry_cut(t, i, lo, hi);
	}
	return updated;
}

u64 e820__range_remove(u64 start, u64 size, u32 old_type, bool check_type)
{
	struct e820_table *t = e820_table;
	u64 end = range_end(start, size), removed = 0;

	if (!size)
		return 0;
	for (u32 i = 0; i < t->nr_entries; i++) {
		struct e820_entry *e = &t->entries[i];
		u64 lo, hi;

		if (check_type && e->type != old_type)
			continue;
		if (start <= e->addr && e->addr + e->size <= end) {
			removed += e->size;
			e->size = 0; /* e820__update_table drops it */
			continue;
		}
		if (!entry_overlap(e, start, end, &lo, &hi))
			continue;
		removed += hi - lo;
		entry_cut(t, i, lo, hi);
	}
	return removed;
}

bool e820__mapped_any(u64 start, u64 end, u32 type)
{
	for (u32 i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *e = &e820_table->entries[i];

		if (e->type == type && e->addr < end &&
		    start < e->addr + e->size)
			return true;
	}
	return false;
}

/* Is [start, end) covered by entries of @type (table sanitized)? */
bool e820__mapped_all(u64 start, u64 end, u32 type)
{
	for (u32 i = 0; i < e820_table->nr_entries && start < end; i++) {
		const struct e820_entry *e = &e820_table->entries[i];

		if (e->type != type || e->addr > start ||
		    e->addr + e->size <= start)
			continue;
		start = e->addr + e->size;
	}
	return start >= end;
}

void e820__set_ram(u64 start, u64 size)
{
	e820__range_remove(start, size, 0, false);
	e820__range_add(start, size, E820_TYPE_RAM);
	e820__update_table(e820_table);
}

u64 e820__total(u32 type)
{
	u64 sum = 0;

	for (u32 i = 0; i < e820_table->nr_entries; i++)
		if (e820_table->entries[i].type == type)
			sum += e820_table->entries[i].size;
	return sum;
}

u64 e820__end_of_ram(void)
{
	u64 end = 0;

	for (u32 i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *e = &e820_table->entries[i];

		if (e->type == E820_TYPE_RAM)
			end = max(end, e->addr + e->size);
	}
	return end;
}

/* "-old+new" type numbers after nn%ss; 0 when absent. */
static int parse_retype(const char *p, const char **end, u32 *old_type,
			u32 *new_type)
{
	int err;

	*old_type = *new_type = 0;
	if (*p == '-') {
		*old_type = (u32)memparse(p + 1, &p, &err);
		if (err || !*old_type)
			return -EINVAL;
	}
	if (*p == '+') {
		*new_type = (u32)memparse(p + 1, &p, &err);
		if (err || !*new_type)
			return -EINVAL;
	}
	*end = p;
	return *old_type || *new_type ? 0 : -EINVAL;
}

/* The memmap= separators that add a range, and the type each adds
 * ('%' retypes instead). */
static const char memmap_seps[] = "@#$!";
static const u32 memmap_sep_type[] = {E820_TYPE_RAM, E820_TYPE_ACPI,
				      E820_TYPE_RESERVED, E820_TYPE_PRAM};

/* One memmap= item, @item NUL-terminated. */
static int parse_memmap_one(const char *item)
{
	const char *p = item;
	u64 size, start = 0;
	u32 old_type = 0, new_type = 0; /* set by parse_retype for "%" */
	char sep;
	int err;

	if (!strcmp(item, "exactmap")) {
		/* From here on only what the user lists exists. */
		e820_table->nr_entries = 0;
		e820_userdef = true;
		return 0;
	}
	size = memparse(p, &p, &err);
	if (err || !size) {
		pr_err("memmap=%s: size is not a number (want nn[KMG]...); ignored\n",
		       item);
		return -EINVAL;
	}
	sep = *p;
	if (sep == '\0') {
		/* Plain memmap=nn: like mem=, RAM above nn goes away. */
		e820__range_remove(size, ~0ULL - size, E820_TYPE_RAM, true);
		e820_userdef = true;
		return 0;
	}
	if (sep != '%' && !strchr(memmap_seps, sep)) {
		pr_err("memmap=%s: unknown separator '%c' (want @ # $ ! or %%); ignored\n",
		       item, sep);
		return -EINVAL;
	}
	start = memparse(p + 1, &p, &err);
	if (err) {
		pr_err("memmap=%s: start address is not a number; ignored\n",
		       item);
		return -EINVAL;
	}
	if (start + size < start) {
		pr_err("memmap=%s: range wraps past 2^64; ignored\n", item);
		return -EINVAL;
	}
	if (sep == '%') {
		if (parse_retype(p, &p, &old_type, &new_type) || *p) {
			pr_err("memmap=%s: want nn%%ss-oldtype+newtype; ignored\n",
			       item);
			return -EINVAL;
		}
	} else if (*p) {
		pr_err("memmap=%s: trailing characters \"%s\"; ignored\n", item,
		       p);
		return -EINVAL;
	}

	if (sep != '%')
		e820__range_add(start, size,
				memmap_sep_type[strchr(memmap_seps, sep) -
						memmap_seps]);
	else if (old_type && new_type)
		e820__range_update(start, size, old_type, new_type);
	else if (old_type)
		e820__range_remove(start, size, old_type, true);
	else
		e820__range_add(start, size, new_type);
	e820_userdef = true;
	return 0;
}

int e820__parse_memmap(const char *arg)
{
	char item[64];
	int ret = 0;

	if (!arg || !*arg) {
		pr_err("memmap=: missing value; ignored\n");
		return -EINVAL;
	}
	while (*arg) {
		const char *comma = strchr(arg, ',');
		size_t len = comma ? (size_t)(comma - arg) : strlen(arg);

		if (len == 0 || len >= sizeof(item)) {
			pr_err("memmap=: %s item \"%.*s\"; ignored\n",
			       len ? "overlong" : "empty", (int)min(len, 40UL),
			       arg);
			ret = -EINVAL;
		} else {
			memcpy(item, arg, len);
			item[len] = 0;
			if (parse_memmap_one(item))
				ret = -EINVAL;
		}
		arg += len;
		if (*arg == ',')
			arg++;
	}
	return ret;
}

void e820__finish_early_params(void)
{
	if (!e820_userdef)
		return;
	if (e820__update_table(e820_table) < 0)
		pr_err("e820: cannot sanitize the user-defined map\n");
	pr_info("user-defined physical RAM map:\n");
	e820__print_table("user");
}
