// SPDX-License-Identifier: MIT
/*
 * DOC: descriptor tables
 *
 * The final GDT (same selectors as head.S's early one, plus a TSS), and an
 * IDT whose 32 exception vectors all lead to x86_exception().  The TSS
 * exists only for its interrupt stack table: a double fault (typically a
 * kernel stack overflow into the guard page) runs on a stack of its own,
 * so it can still be reported instead of becoming a triple fault and a
 * silent reset.  Every CPU has its own TSS (a TSS descriptor is busy once
 * loaded, so CPUs cannot share one) and its own double-fault stack; the
 * GDT has a TSS slot per CPU, the IDT is shared.  Beyond the exceptions
 * the IDT has the cross-call IPI and the APIC's spurious vector.
 */
#include <asm/apic.h>
#include <asm/boot.h>
#include <asm/setup.h>
#include <kernel/init.h>
#include <kernel/string.h>

#define NR_EXCEPTIONS 32
#define NR_VECTORS 256
#define IST_DOUBLE_FAULT 1

struct tss64 {
	u32 reserved0;
	u64 rsp[3];
	u64 reserved1;
	u64 ist[7];
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;
} __packed;

struct idt_gate {
	u16 offset_low;
	u16 selector;
	u8 ist;
	u8 type_attr; /* 0x8e: present, DPL 0, 64-bit interrupt gate */
	u16 offset_mid;
	u32 offset_high;
	u32 reserved;
} __packed;

struct desc_ptr {
	u16 limit;
	u64 base;
} __packed;

static u64 gdt[GDT_ENTRY_TSS + 2 * CONFIG_NR_CPUS] __aligned(16) = {
	[GDT_ENTRY_KERNEL_CS] = 0x00af9a000000ffffULL,
	[GDT_ENTRY_KERNEL_DS] = 0x00cf92000000ffffULL,
	[GDT_ENTRY_BOOT_CS32] = 0x00cf9a000000ffffULL,
};
static struct tss64 tss[CONFIG_NR_CPUS] __aligned(16);
static struct idt_gate idt[NR_VECTORS] __aligned(16);
/* Bounds are read by the backtrace code (stacktrace.c). */
u8 df_stack[CONFIG_NR_CPUS][DF_STACK_SIZE] __aligned(16);

static void set_tss_desc(unsigned int cpu)
{
	u64 base = (u64)(uintptr_t)&tss[cpu], limit = sizeof(tss[0]) - 1;
	unsigned int e = GDT_ENTRY_TSS + 2 * cpu;

	gdt[e] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
		 (0x89ULL << 40) | /* present, available TSS */
		 (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
	gdt[e + 1] = base >> 32;
}

static void set_gate(unsigned int vec, unsigned long addr, u8 ist)
{
	idt[vec] = (struct idt_gate){
		.offset_low = (u16)addr,
		.selector = __KERNEL_CS,
		.ist = ist,
		.type_attr = 0x8e,
		.offset_mid = (u16)(addr >> 16),
		.offset_high = (u32)(addr >> 32),
	};
}

/* @cpu's descriptor tables: the boot CPU (0) builds the IDT first. */
void x86_cpu_init(unsigned int cpu)
{
	struct desc_ptr gdtr = {sizeof(gdt) - 1, (u64)(uintptr_t)gdt};
	struct desc_ptr idtr = {sizeof(idt) - 1, (u64)(uintptr_t)idt};

	tss[cpu].ist[IST_DOUBLE_FAULT - 1] =
		(u64)(uintptr_t)(df_stack[cpu] + DF_STACK_SIZE);
	/* No I/O bitmap: ring 0 needs none. */
	tss[cpu].iomap_base = sizeof(tss[0]);
	set_tss_desc(cpu);

	/* Reload CS with a far return: there is no far jump to a 64-bit
	 * immediate address. */
	__asm__ __volatile__("lgdt %0\n\t"
			     "pushq %1\n\t"
			     "leaq 1f(%%rip), %%rax\n\t"
			     "pushq %%rax\n\t"
			     "lretq\n"
			     "1:\n\t"
			     "movl %2, %%eax\n\t"
			     "movl %%eax, %%ds\n\t"
			     "movl %%eax, %%es\n\t"
			     "movl %%eax, %%ss\n\t"
			     "ltr %w3"
			     :
			     : "m"(gdtr), "i"(__KERNEL_CS), "i"(__KERNEL_DS),
			       "r"((u16)(__TSS_SEL + 16 * cpu))
			     : "rax", "memory");

	if (cpu == 0) {
		for (unsigned int v = 0; v < NR_EXCEPTIONS; v++)
			set_gate(v, (unsigned long)(exc_stubs + 16 * v),
				 v == 8 ? IST_DOUBLE_FAULT : 0);
#ifdef CONFIG_SMP
		set_gate(CALL_FUNCTION_VECTOR,
			 (unsigned long)call_function_interrupt, 0);
#endif
		set_gate(SPURIOUS_APIC_VECTOR,
			 (unsigned long)spurious_interrupt, 0);
	}
	__asm__ __volatile__("lidt %0" ::"m"(idtr) : "memory");
}
