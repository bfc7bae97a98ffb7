// SPDX-License-Identifier: MIT
/*
 * sprint_symbol() for host builds (tests/host, tools/memmap, fuzzers,
 * bench): there is no symbol table, so the address, as the kernel prints
 * an address no symbol covers.
 */
#include <stdio.h>

#include <kernel/kallsyms.h>

char *sprint_symbol(char *buf, unsigned long addr)
{
	snprintf(buf, KSYM_SYMBOL_LEN, "0x%lx", addr);
	return buf;
}
