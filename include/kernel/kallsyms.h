/* SPDX-License-Identifier: MIT */
/* The embedded symbol table (CONFIG_KALLSYMS), for backtraces. */
#ifndef _KERNEL_KALLSYMS_H
#define _KERNEL_KALLSYMS_H

#include <kernel/types.h>

/* Name of the function containing @addr, and the offset into it; NULL if
 * unknown (outside the kernel text, or no table). */
const char *kallsyms_lookup(unsigned long addr, unsigned long *offset);
/* Name, offset and size of the function containing @addr (see above). */
const char *kallsyms_lookup_size_offset(unsigned long addr, unsigned long *size,
					unsigned long *offset);

/*
 * "name+0xoff/0xsize" for @addr, as Linux's %pS, or "0x<addr>" when no
 * symbol covers it; returns @buf (KSYM_SYMBOL_LEN bytes).  KSYM(addr)
 * gives the string in a buffer that lives until the end of the caller's
 * block: pr_err("... caller %s\n", KSYM(caller)).
 */
#define KSYM_SYMBOL_LEN 128
char *sprint_symbol(char *buf, unsigned long addr);
#define KSYM(addr) sprint_symbol((char[KSYM_SYMBOL_LEN]){0}, (addr))

/* Address of a symbol by name, 0 if absent. */
unsigned long kallsyms_lookup_name(const char *name);
/* Print "  [<addr>] name+0xoff" for one frame. */
void print_ip_sym(unsigned long ip);
/* Same for a return address (symbolised as ra - 1). */
void print_ret_sym(unsigned long ra);
/* Arch: walk the frame-pointer chain from the caller and print each frame. */
void dump_stack(void);
void arch_dump_backtrace(unsigned long fp, unsigned long pc);

#endif
