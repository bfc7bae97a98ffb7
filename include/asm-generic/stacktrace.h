/* SPDX-License-Identifier: MIT */
/*
 * DOC: frame-pointer backtraces
 *
 * Both arches build with -fno-omit-frame-pointer, and both keep a frame
 * record of two words, the caller's frame pointer then the return
 * address, at a fixed offset from the frame pointer: 0 on x86 ([rbp] and
 * [rbp + 8]), -16 on RISC-V ([s0 - 16] and [s0 - 8]).  The entry code
 * starts with a zero frame pointer, which ends every chain.  One walker
 * serves both: every record is checked against the bounds of the stack
 * it must lie on before it is read, so a corrupt chain ends the trace
 * instead of faulting.
 *
 * arch/<arch>/kernel/stacktrace.c (and only it) defines
 * FRAME_RECORD_OFFSET, and optionally arch_stack_bounds() (default: the
 * boot stack), then includes this header with
 * ASM_GENERIC_STACKTRACE_IMPL defined, which gives it
 * arch_dump_backtrace(), dump_stack() and die_with_backtrace().
 */
#ifndef _ASM_GENERIC_STACKTRACE_H
#define _ASM_GENERIC_STACKTRACE_H

#include <kernel/compiler.h>

/*
 * After the arch's register dump: "Call trace:", the faulting @pc, the
 * frames from @fp, the end marker, then power off with EXIT_TRAP.
 */
__noreturn void die_with_backtrace(unsigned long pc, unsigned long fp);

#ifdef ASM_GENERIC_STACKTRACE_IMPL
#include <asm-generic/sections.h>
#include <kernel/exit.h>
#include <kernel/kallsyms.h>
#include <kernel/printk.h>

#define BACKTRACE_MAX_DEPTH 32

struct frame_record {
	unsigned long next_fp;
	unsigned long ret;
};

#ifndef arch_stack_bounds
/* The one kernel stack. */
static void arch_stack_bounds(unsigned long fp, unsigned long *lo,
			      unsigned long *hi)
{
	(void)fp;
	*lo = (unsigned long)boot_stack;
	*hi = (unsigned long)boot_stack_top;
}
#endif

/* The record of the frame at @fp, or NULL if it is not wholly on
 * [lo, hi) or misaligned. */
static const struct frame_record *
frame_record_at(unsigned long fp, unsigned long lo, unsigned long hi)
{
	unsigned long rec = fp + (unsigned long)(long)FRAME_RECORD_OFFSET;

	if (fp & 7 || rec < lo || rec > hi ||
	    hi - rec < sizeof(struct frame_record))
		return NULL;
	return (const struct frame_record *)rec;
}

void arch_dump_backtrace(unsigned long fp, unsigned long pc)
{
	unsigned long lo, hi;

	(void)pc;
	arch_stack_bounds(fp, &lo, &hi);
	for (int depth = 0; depth < BACKTRACE_MAX_DEPTH; depth++) {
		const struct frame_record *r = frame_record_at(fp, lo, hi);

		if (!r || !r->ret)
			break;
		print_ret_sym(r->ret);
		if (r->next_fp <= fp)
			break;
		fp = r->next_fp;
	}
}

noinline void dump_stack(void)
{
	unsigned long fp = (unsigned long)__builtin_frame_address(0);

	printk(KERN_EMERG "Call trace:\n");
	arch_dump_backtrace(fp, 0);
}

void die_with_backtrace(unsigned long pc, unsigned long fp)
{
	printk(KERN_EMERG "Call trace:\n");
	print_ip_sym(pc);
	arch_dump_backtrace(fp, pc);
	printk(KERN_EMERG "---[ end trace: exception ]---\n");
	machine_power_off(EXIT_TRAP);
}
#endif /* ASM_GENERIC_STACKTRACE_IMPL */

#endif /* _ASM_GENERIC_STACKTRACE_H */
