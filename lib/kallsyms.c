// SPDX-License-Identifier: MIT
/*
 * DOC: kallsyms
 *
 * Symbol lookup over the table scripts/kallsyms.py generates at link time:
 * a count, then sorted {address, name offset} pairs, then the names.  A
 * binary search finds the function containing an address.
 */
#include <asm-generic/sections.h>
#include <kernel/kallsyms.h>
#include <kernel/printf.h>
#include <kernel/printk.h>
#include <kernel/string.h>

struct ksym {
	u64 addr;
	u64 name_off;
};

extern const u64 kallsyms_table[];

static const struct ksym *syms(void)
{
	return (const struct ksym *)&kallsyms_table[1];
}

static const char *names(void)
{
	return (const char *)(syms() + kallsyms_table[0]);
}

const char *kallsyms_lookup_size_offset(unsigned long addr, unsigned long *size,
					unsigned long *offset)
{
	u64 n = kallsyms_table[0];
	u64 lo = 0, hi = n;

	if (!n || addr < (unsigned long)_stext ||
	    addr >= (unsigned long)_einittext)
		return NULL;
	/* Find the last symbol with address <= addr. */
	while (hi - lo > 1) {
		u64 mid = lo + (hi - lo) / 2;

		if (syms()[mid].addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	if (syms()[lo].addr > addr)
		return NULL;
	if (offset)
		*offset = addr - syms()[lo].addr;
	/* A function ends where the next symbol starts (or the text). */
	if (size)
		*size = (lo + 1 < n ? syms()[lo + 1].addr
				    : (unsigned long)_einittext) -
			syms()[lo].addr;
	return names() + syms()[lo].name_off;
}

const char *kallsyms_lookup(unsigned long addr, unsigned long *offset)
{
	return kallsyms_lookup_size_offset(addr, NULL, offset);
}

char *sprint_symbol(char *buf, unsigned long addr)
{
	unsigned long size, off;
	const char *name = kallsyms_lookup_size_offset(addr, &size, &off);

	if (name)
		scnprintf(buf, KSYM_SYMBOL_LEN, "%s+0x%lx/0x%lx", name, off,
			  size);
	else
		scnprintf(buf, KSYM_SYMBOL_LEN, "0x%lx", addr);
	return buf;
}

unsigned long kallsyms_lookup_name(const char *name)
{
	for (u64 i = 0; i < kallsyms_table[0]; i++)
		if (!strcmp(names() + syms()[i].name_off, name))
			return syms()[i].addr;
	return 0;
}

void print_ip_sym(unsigned long ip)
{
	unsigned long off;
	const char *name = kallsyms_lookup(ip, &off);

	if (name)
		printk(KERN_EMERG "  [<%016lx>] %s+0x%lx\n", ip, name, off);
	else
		printk(KERN_EMERG "  [<%016lx>] ?\n", ip);
}

/*
 * A return address points after the call; if the call was the last
 * instruction of a function that never returns, it already belongs to the
 * next function.  Look up ra - 1 (inside the call), print ra, as Linux's
 * %pB does.
 */
void print_ret_sym(unsigned long ra)
{
	unsigned long off;
	const char *name = kallsyms_lookup(ra - 1, &off);

	if (name)
		printk(KERN_EMERG "  [<%016lx>] %s+0x%lx\n", ra, name, off + 1);
	else
		printk(KERN_EMERG "  [<%016lx>] ?\n", ra);
}
