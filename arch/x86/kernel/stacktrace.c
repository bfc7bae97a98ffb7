// SPDX-License-Identifier: MIT
/*
 * Frame-pointer backtraces.  With -fno-omit-frame-pointer every frame
 * starts with push %rbp; mov %rsp, %rbp, so [rbp] is the caller's rbp
 * and [rbp + 8] the return address.  head.S starts with rbp = 0.  Every
 * frame pointer is checked against the stack it must lie on before it is
 * read, so a corrupt chain ends the trace instead of faulting.
 */
#include <kernel/kallsyms.h>
#include <kernel/printk.h>

extern char boot_stack[], boot_stack_top[];
extern u8 df_stack[8192];

static bool on_stack(unsigned long fp, unsigned long lo, unsigned long hi)
{
	return fp >= lo && fp <= hi - 16 && !(fp & 7);
}

void arch_dump_backtrace(unsigned long fp, unsigned long pc)
{
	unsigned long lo = (unsigned long)boot_stack;
	unsigned long hi = (unsigned long)boot_stack_top;

	(void)pc;
	/* dump_stack() from the double-fault handler walks that stack. */
	if (!on_stack(fp, lo, hi)) {
		lo = (unsigned long)df_stack;
		hi = lo + sizeof(df_stack);
	}
	for (int depth = 0; depth < 32; depth++) {
		unsigned long ret, next;

		if (!on_stack(fp, lo, hi))
			break;
		next = ((unsigned long *)fp)[0];
		ret = ((unsigned long *)fp)[1];
		if (!ret)
			break;
		print_ret_sym(ret);
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
