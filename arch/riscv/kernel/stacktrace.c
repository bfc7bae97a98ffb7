// SPDX-License-Identifier: MIT
/*
 * Frame-pointer backtraces.  With -fno-omit-frame-pointer, gcc keeps the
 * frame pointer (s0) pointing just above each frame, with the return
 * address at fp-8 and the caller's frame pointer at fp-16.  Every pointer
 * is checked against the stack bounds before it is followed, so a corrupt
 * chain ends the trace instead of faulting.
 */
#include <kernel/kallsyms.h>
#include <kernel/printk.h>

extern char boot_stack[], boot_stack_top[];

void arch_dump_backtrace(unsigned long fp, unsigned long pc)
{
	unsigned long lo = (unsigned long)boot_stack;
	unsigned long hi = (unsigned long)boot_stack_top;

	(void)pc;
	for (int depth = 0; depth < 32; depth++) {
		unsigned long ra, next;

		if (fp < lo + 16 || fp > hi || (fp & 7))
			break;
		ra = ((unsigned long *)fp)[-1];
		next = ((unsigned long *)fp)[-2];
		if (!ra)
			break;
		print_ret_sym(ra);
		if (next <= fp)
			break;
		fp = next;
	}
}

noinline void dump_stack(void)
{
	unsigned long fp = (unsigned long)__builtin_frame_address(0);

	printk(KERN_EMERG "Call trace:\n");
	arch_dump_backtrace(fp, 0);
}
