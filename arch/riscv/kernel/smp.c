// SPDX-License-Identifier: MIT
/*
 * DOC: RISC-V SMP
 *
 * The arch half of kernel/smp.c.  Secondary harts start with SBI HSM
 * hart_start at secondary_entry (boot/head.S), which takes its stack,
 * per-cpu base (tp) and page tables (satp) from the hart's struct
 * riscv_secondary_boot and calls riscv_secondary_start(): the trap
 * vector, then secondary_start_kernel().  IPIs are SBI IPI calls that
 * raise the supervisor software interrupt on the target (traps.c).
 */
#include <asm/csr.h>
#include <asm/sbi.h>
#include <asm/setup.h>
#include <asm-generic/smp.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <mm/percpu.h>

#include <asm/mm.h>

/* What secondary_entry loads; the field offsets are head.S's. */
struct riscv_secondary_boot {
	unsigned long sp, tp, satp, cpu;
};

static struct riscv_secondary_boot secondary_boot[CONFIG_NR_CPUS];

int arch_boot_secondary(unsigned int cpu, void *stack_top)
{
	struct riscv_secondary_boot *b = &secondary_boot[cpu];
	long err;

	if (!sbi_has_hsm()) {
		pr_err("smp: the SBI firmware has no HSM extension: cannot start hart %lu\n",
		       cpu_hwid[cpu]);
		return -ENODEV;
	}
	b->sp = (unsigned long)stack_top;
	b->tp = (unsigned long)per_cpu_ptr(&pcpu_hot, cpu);
	b->satp = riscv_kernel_satp;
	b->cpu = cpu;
	/* The hart reads *b with its MMU off: make it visible first. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	err = sbi_hart_start(cpu_hwid[cpu], __pa(secondary_entry), __pa(b));
	if (err) {
		pr_err("smp: SBI HSM hart_start(hart %lu) failed: %s (SBI error %ld)\n",
		       cpu_hwid[cpu], sbi_strerror(err), err);
		return -EIO;
	}
	return 0;
}

void __noreturn riscv_secondary_start(unsigned int cpu)
{
	riscv_trap_init();
	secondary_start_kernel(cpu);
}

void arch_send_ipi(unsigned int cpu)
{
	long err = sbi_send_ipi(cpu_hwid[cpu]);

	if (err)
		pr_err("smp: SBI IPI to hart %lu failed: %s (SBI error %ld)\n",
		       cpu_hwid[cpu], sbi_strerror(err), err);
}

void __noreturn arch_cpu_park(void)
{
	local_irq_disable();
	csr_write(sie, 0);
	for (;;)
		__asm__ __volatile__("wfi");
}
