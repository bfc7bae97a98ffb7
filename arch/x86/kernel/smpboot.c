// SPDX-License-Identifier: MIT
/*
 * DOC: x86 SMP bring-up
 *
 * setup_arch() calls three steps here:
 *
 * - x86_reserve_trampoline(), right after memblock learns the RAM and
 *   before anything allocates: one free page below 1 MiB for the AP
 *   start-up code (a STARTUP IPI can only name such a page), as Linux
 *   reserves its real-mode area; then the rest of the first MiB is
 *   reserved as on a uniprocessor kernel.
 * - x86_smp_setup(), while head.S's identity map of the low 4 GiB is
 *   live: the RSDP (from the loader, else the BIOS area scan), the MADT
 *   as plain data (kernel/acpi.c), and smp_register_cpu() for the boot
 *   CPU (its APIC id from CPUID) and then each enabled processor.  With
 *   no usable MADT the kernel runs on the boot CPU alone, and says why.
 * - x86_smp_map_apic(), once the direct map is up: the local APIC's
 *   registers mapped, the boot CPU's APIC enabled.
 *
 * smp_init() then calls arch_boot_secondary() per CPU: the trampoline
 * (kernel/trampoline.S) is copied to its page, the CPU's stack and the
 * boot CPU's CR3/CR4/EFER are left for it, and INIT-SIPI-SIPI starts it.
 * The AP loads its per-cpu base into GS, its own GDT/TSS, the shared IDT,
 * enables its local APIC and enters secondary_start_kernel().
 */
#include <asm/acpi.h>
#include <asm/apic.h>
#include <asm/mm.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/setup.h>
#include <asm/smp.h>
#include <kernel/errno.h>
#include <kernel/exit.h>
#include <kernel/init.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <mm/memblock.h>
#include <mm/percpu.h>

#define LOW_MEM_END 0x100000ULL
/* head.S's identity map: what the ACPI tables are read through. */
#define EARLY_MAP_END 0x100000000ULL

static u64 trampoline_pa;
static bool apic_ready;
static struct acpi_madt_info madt __initdata;

void __init x86_reserve_trampoline(void)
{
	size_t size = (size_t)(trampoline_end - trampoline_start);

	trampoline_pa = memblock_phys_alloc_range(PAGE_SIZE, PAGE_SIZE,
						  PAGE_SIZE, LOW_MEM_END);
	if (trampoline_pa)
		pr_info("smp: AP trampoline at [mem 0x%08llx-0x%08llx]\n",
			(unsigned long long)trampoline_pa,
			(unsigned long long)(trampoline_pa + PAGE_SIZE - 1));
	else
		pr_err("smp: no free RAM page below 1 MiB for the AP trampoline; the other CPUs cannot start\n");
	if (size > PAGE_SIZE)
		panic("smp: the AP trampoline is %zu bytes, more than a page",
		      size);
	if (memblock_reserve(0, LOW_MEM_END)) {
		pr_emerg("memblock: cannot reserve the first MiB, stopping\n");
		machine_power_off(EXIT_BADFW);
	}
}

static const void *__init early_map(void *ctx, u64 pa, u64 len)
{
	(void)ctx;
	if (pa >= EARLY_MAP_END || len > EARLY_MAP_END - pa)
		return NULL;
	return __va(pa);
}

static const struct acpi_mem early_mem __initconst = {.map = early_map};

/* The MADT's CPUs after the boot CPU, in table order. */
static void __init register_madt_cpus(u32 boot_id)
{
	unsigned int skipped = 0, no_room = 0;
	bool boot_listed = false;

	for (unsigned int i = 0; i < madt.nr_cpus; i++) {
		u32 id = madt.cpu[i].apic_id;

		if (id == boot_id) {
			boot_listed = true;
			continue;
		}
		if (id > 0xfe) {
			pr_warn("smp: APIC id %u needs x2APIC mode, which Kite does not use; that CPU stays off\n",
				id);
			skipped++;
			continue;
		}
		if (smp_register_cpu(id, 0) < 0)
			no_room++;
	}
	if (!boot_listed)
		pr_warn("smp: the boot CPU (APIC id %u) is not in the MADT\n",
			boot_id);
	if (no_room)
		pr_warn("smp: %u CPU%s beyond CONFIG_NR_CPUS=%d left off\n",
			no_room, no_room == 1 ? "" : "s", CONFIG_NR_CPUS);
	(void)skipped;
}

void __init x86_smp_setup(void)
{
	u32 boot_id = boot_cpu_apic_id();
	u64 rsdp = x86_acpi_rsdp, madt_pa;
	const char *from = "the loader";
	int err;

	/* The boot CPU is logical 0 whatever the tables say. */
	smp_register_cpu(boot_id, 0);
	if (!rsdp) {
		rsdp = acpi_scan_rsdp(&early_mem);
		from = "the BIOS area scan";
	}
	if (!rsdp) {
		pr_warn("smp: no ACPI RSDP (not from the loader, not in the BIOS areas); running on the boot CPU only\n");
		return;
	}
	pr_info("ACPI: RSDP from %s\n", from);
	err = acpi_find_madt(&early_mem, rsdp, &madt_pa);
	if (!err)
		err = acpi_parse_madt(&early_mem, madt_pa, &madt);
	if (err) {
		pr_warn("smp: no usable ACPI MADT (error %d, above); running on the boot CPU only\n",
			err);
		return;
	}
	lapic_phys = madt.lapic_addr;
	pr_info("ACPI: MADT at 0x%llx: %u enabled CPU%s, %u disabled, %u hot-pluggable, %u ignored; local APIC at 0x%llx\n",
		(unsigned long long)madt.madt_pa, madt.nr_cpus,
		madt.nr_cpus == 1 ? "" : "s", madt.nr_disabled, madt.nr_hotplug,
		madt.nr_dropped, (unsigned long long)madt.lapic_addr);
	register_madt_cpus(boot_id);
}

void __init x86_smp_map_apic(void)
{
	if (nr_cpu_ids < 2)
		return;
	if (lapic_map()) {
		pr_err("smp: no usable local APIC; the other CPUs cannot start\n");
		return;
	}
	lapic_setup_cpu(true);
	apic_ready = true;
}

/*
 * The boot CPU takes interrupts from arch_late_init() on: the IPIs are the
 * only ones (8259s, LINT0 and the APIC timer masked), and a CPU waiting
 * for a cross-call must take the stop IPI a failing CPU sends.
 */
void __init x86_smp_irq_enable(void)
{
	if (apic_ready)
		local_irq_enable();
}

int arch_boot_secondary(unsigned int cpu, void *stack_top)
{
	/* register_madt_cpus() registered xAPIC ids only. */
	u32 id = (u32)cpu_hwid[cpu] & 0xff;

	if (!apic_ready || !trampoline_pa) {
		pr_err("smp: CPU#%u: %s\n", cpu,
		       apic_ready ? "no AP trampoline page below 1 MiB"
				  : "no usable local APIC");
		return -ENODEV;
	}
	memcpy(__va(trampoline_pa), trampoline_start,
	       (size_t)(trampoline_end - trampoline_start));
	smpboot_stack[id] = (u64)(uintptr_t)stack_top;
	smpboot_cpu[id] = cpu;
	smpboot_cr3 = (u32)read_cr3();
	smpboot_cr4 = (u32)read_cr4();
	smpboot_efer = (u32)rdmsr(MSR_EFER) & (EFER_LME | EFER_NXE);
	/* The writes above reach memory before the SIPI (x86 stores are
	 * ordered; this keeps the compiler from moving them). */
	__asm__ __volatile__("mfence" ::: "memory");
	return lapic_wakeup_cpu(id, trampoline_pa) ? -EIO : 0;
}

void __noreturn x86_secondary_start(unsigned int cpu)
{
	arch_set_percpu_base(__per_cpu_start + __per_cpu_offset[cpu]);
	x86_cpu_init(cpu);
	lapic_setup_cpu(false);
	secondary_start_kernel(cpu);
}

void x86_call_function_interrupt(struct pt_regs *regs)
{
	(void)regs;
	lapic_eoi();
	handle_ipi();
}

void arch_send_ipi(unsigned int cpu)
{
	if (lapic_send((u32)cpu_hwid[cpu],
		       APIC_DM_FIXED | CALL_FUNCTION_VECTOR))
		pr_err("smp: IPI to CPU#%u (APIC id %lu) not sent: the ICR stays busy\n",
		       cpu, cpu_hwid[cpu]);
}

/* smp_send_stop()'s fallback: an NMI is taken with interrupts off, even
 * in hlt (Linux stops CPUs the same way); vector 2 reaches
 * x86_exception(), which calls smp_stop_nmi_callback(). */
int arch_send_stop_nmi(unsigned int cpu)
{
	if (!apic_ready)
		return -ENODEV;
	return lapic_send((u32)cpu_hwid[cpu], APIC_DM_NMI);
}

void __noreturn arch_cpu_park(void)
{
	for (;;)
		__asm__ __volatile__("cli; hlt" ::: "memory");
}
