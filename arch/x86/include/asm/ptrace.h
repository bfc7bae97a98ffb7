/* SPDX-License-Identifier: MIT */
/* Registers saved on an exception, in the order entry.S pushes them. */
#ifndef _ASM_X86_PTRACE_H
#define _ASM_X86_PTRACE_H

#include <kernel/types.h>

struct pt_regs {
	unsigned long r15, r14, r13, r12, r11, r10, r9, r8;
	unsigned long rbp, rdi, rsi, rdx, rcx, rbx, rax;
	unsigned long vector, error_code;	/* pushed by the stub */
	unsigned long rip, cs, rflags, rsp, ss; /* pushed by the CPU */
};

#endif
