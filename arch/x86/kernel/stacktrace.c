// SPDX-License-Identifier: MIT
/*
 * Frame-pointer backtraces on x86: every frame starts with push %rbp;
 * mov %rsp, %rbp, so [rbp] is the caller's rbp and [rbp + 8] the return
 * address.  The walker is asm-generic/stacktrace.h; the one x86 twist is
 * the double-fault handler's own stack, which dump_stack() from there
 * walks.
 */
#include <asm-generic/sections.h>
#include <asm/setup.h>

#define FRAME_RECORD_OFFSET 0

static void x86_stack_bounds(unsigned long fp, unsigned long *lo,
			     unsigned long *hi)
{
	*lo = (unsigned long)boot_stack;
	*hi = (unsigned long)boot_stack_top;
	if (fp < *lo || fp > *hi - 16) {
		*lo = (unsigned long)df_stack;
		*hi = *lo + sizeof(df_stack);
	}
}
#define arch_stack_bounds x86_stack_bounds

#define ASM_GENERIC_STACKTRACE_IMPL
#include <asm-generic/stacktrace.h>
