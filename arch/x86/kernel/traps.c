// SPDX-License-Identifier: MIT
/*
 * DOC: exceptions
 *
 * Every exception is fatal (there is no user mode to kill): name the
 * vector, show rip with its symbol, cr2 for page faults, the CPU (under
 * SMP), every register and a backtrace, then power off with EXIT_TRAP.
 * The one exception to the rule: an NMI that smp_send_stop() sent to
 * stop this CPU.
 */
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/setup.h>
#include <asm/smp.h>
#include <asm-generic/smp.h>
#include <asm-generic/stacktrace.h>
#include <kernel/exit.h>
#include <kernel/kallsyms.h>
#include <kernel/printk.h>

static const char *const exc_names[32] = {
	[0] = "divide error",
	[1] = "debug",
	[2] = "non-maskable interrupt",
	[3] = "breakpoint",
	[4] = "overflow",
	[5] = "bound range exceeded",
	[6] = "invalid opcode",
	[7] = "device not available",
	[8] = "double fault",
	[9] = "coprocessor segment overrun",
	[10] = "invalid TSS",
	[11] = "segment not present",
	[12] = "stack-segment fault",
	[13] = "general protection fault",
	[14] = "page fault",
	[15] = "reserved (15)",
	[16] = "x87 floating-point exception",
	[17] = "alignment check",
	[18] = "machine check",
	[19] = "SIMD floating-point exception",
	[20] = "virtualization exception",
	[21] = "control protection exception",
	[22] = "reserved (22)",
	[23] = "reserved (23)",
	[24] = "reserved (24)",
	[25] = "reserved (25)",
	[26] = "reserved (26)",
	[27] = "reserved (27)",
	[28] = "hypervisor injection exception",
	[29] = "VMM communication exception",
	[30] = "security exception",
	[31] = "reserved (31)",
};

#define X86_PF_PROT 0x1
#define X86_PF_WRITE 0x2
#define X86_PF_RSVD 0x8
#define X86_PF_INSTR 0x10

static void show_regs(const struct pt_regs *r)
{
	printk(KERN_EMERG " rip: %016lx  cs: %04lx  rflags: %016lx\n", r->rip,
	       r->cs, r->rflags);
	printk(KERN_EMERG " rsp: %016lx  ss: %04lx\n", r->rsp, r->ss);
	printk(KERN_EMERG " rax: %016lx  rbx: %016lx  rcx: %016lx\n", r->rax,
	       r->rbx, r->rcx);
	printk(KERN_EMERG " rdx: %016lx  rsi: %016lx  rdi: %016lx\n", r->rdx,
	       r->rsi, r->rdi);
	printk(KERN_EMERG " rbp: %016lx   r8: %016lx   r9: %016lx\n", r->rbp,
	       r->r8, r->r9);
	printk(KERN_EMERG " r10: %016lx  r11: %016lx  r12: %016lx\n", r->r10,
	       r->r11, r->r12);
	printk(KERN_EMERG " r13: %016lx  r14: %016lx  r15: %016lx\n", r->r13,
	       r->r14, r->r15);
	printk(KERN_EMERG " cr0: %016lx  cr3: %016lx  cr4: %016lx\n",
	       read_cr0(), read_cr3(), read_cr4());
}

void x86_exception(struct pt_regs *regs)
{
	static int nesting[CONFIG_NR_CPUS];
	unsigned long vec = regs->vector, off;
	const char *fn;

	if (IS_ENABLED(CONFIG_SMP) && vec == 2)
		smp_stop_nmi_callback();
	/* A fault while reporting one on this CPU: the report itself is
	 * broken, so stop without touching anything else. */
	if (nesting[smp_processor_id()]++) {
		printk(KERN_EMERG "Nested exception: vector %lu at %016lx\n",
		       vec, regs->rip);
		machine_power_off(EXIT_TRAP);
	}
	console_loglevel = LOGLEVEL_DEBUG + 1;
	fn = kallsyms_lookup(regs->rip, &off);
	printk(KERN_EMERG
	       "Unhandled exception: %s (vector %lu, error code 0x%lx) at %s+0x%lx\n",
	       vec < 32 ? exc_names[vec] : "unknown", vec, regs->error_code,
	       fn ? fn : "?", fn ? off : 0UL);
	if (vec == 14) {
		unsigned long e = regs->error_code;

		printk(KERN_EMERG " cr2: %016lx (%s %s%s%s)\n", read_cr2(),
		       e & X86_PF_INSTR	  ? "instruction fetch"
		       : e & X86_PF_WRITE ? "write"
					  : "read",
		       e & X86_PF_PROT ? "violating page protection"
				       : "of a not-present page",
		       e & X86_PF_RSVD ? ", reserved bit set" : "",
		       vec == 14 && read_cr2() < 4096 ? ", NULL pointer" : "");
	}
	if (IS_ENABLED(CONFIG_SMP))
		printk(KERN_EMERG " on CPU#%d (" ARCH_HWID_NAME " %lu)\n",
		       smp_processor_id(), cpu_hwid[smp_processor_id()]);
	show_regs(regs);
	die_with_backtrace(regs->rip, regs->rbp);
}
