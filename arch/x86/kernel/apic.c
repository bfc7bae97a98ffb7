// SPDX-License-Identifier: MIT
/*
 * DOC: local APIC
 *
 * xAPIC mode only: the registers are 4 KiB of uncached MMIO at
 * lapic_phys (0xfee00000 on every PC), mapped into the direct map by
 * lapic_map().  APIC ids above 254 would need x2APIC mode; the MADT
 * code leaves such CPUs out.
 *
 * Starting an AP follows the SDM's universal start-up algorithm (vol. 3,
 * 9.4.4.1): INIT assert (level), 10 ms, INIT de-assert, then two STARTUP
 * IPIs 200 us apart, each carrying the trampoline's page number.  The
 * delays come from the calibrated TSC (under TCG they cost little).
 */
#include <asm/apic.h>
#include <asm/io.h>
#include <asm/mm.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/printk.h>
#include <kernel/time.h>

#define PIC1_DATA 0x21
#define PIC2_DATA 0xa1
/* Send-pending polls before giving up: far more than any real APIC
 * needs (microseconds), bounded by a count, not by time. */
#define ICR_POLLS (1U << 24)

u64 lapic_phys;
static volatile u8 *lapic;

static u32 lapic_read(u32 reg)
{
	return readl(lapic + reg);
}

static void lapic_write(u32 reg, u32 v)
{
	writel(v, lapic + reg);
}

u32 boot_cpu_apic_id(void)
{
	u32 a, b, c, d;

	cpuid(1, &a, &b, &c, &d);
	return b >> 24;
}

int __init lapic_map(void)
{
	u64 msr = rdmsr(MSR_IA32_APICBASE);

	if (!lapic_phys)
		lapic_phys = msr & ~0xfffULL & ((1ULL << 52) - 1);
	if ((msr & ~0xfffULL & ((1ULL << 52) - 1)) != lapic_phys)
		pr_warn("apic: the MADT says 0x%llx, IA32_APIC_BASE 0x%llx; using the MADT's\n",
			(unsigned long long)lapic_phys,
			(unsigned long long)(msr & ~0xfffULL));
	if (msr & MSR_IA32_APICBASE_EXTD) {
		pr_err("apic: the firmware left the local APIC in x2APIC mode, which Kite does not drive\n");
		return -ENODEV;
	}
	if (!(msr & MSR_IA32_APICBASE_ENABLE)) {
		pr_err("apic: the local APIC is disabled in IA32_APIC_BASE (0x%llx)\n",
		       (unsigned long long)msr);
		return -ENODEV;
	}
	lapic = x86_map_mmio(lapic_phys, PAGE_SIZE);
	if (!lapic)
		return -ENOMEM;
	pr_info("apic: local APIC at 0x%llx, version 0x%x, boot CPU APIC id %u\n",
		(unsigned long long)lapic_phys, lapic_read(APIC_LVR) & 0xff,
		lapic_read(APIC_ID) >> 24);
	return 0;
}

void lapic_setup_cpu(bool boot_cpu)
{
	if (boot_cpu) {
		/* No 8259 interrupt is ever wanted: mask both. */
		outb(0xff, PIC2_DATA);
		outb(0xff, PIC1_DATA);
	}
	lapic_write(APIC_TASKPRI, 0);
	lapic_write(APIC_LVTT, APIC_LVT_MASKED);
	lapic_write(APIC_LVT0, APIC_LVT_MASKED);
	lapic_write(APIC_LVT1, APIC_DM_NMI);
	lapic_write(APIC_LVTERR, APIC_LVT_MASKED);
	lapic_write(APIC_SPIV, APIC_SPIV_ENABLE | SPURIOUS_APIC_VECTOR);
	/* Clear any error latched before: the ESR wants a write first. */
	lapic_write(APIC_ESR, 0);
	lapic_write(APIC_ESR, 0);
	lapic_eoi();
}

void lapic_eoi(void)
{
	lapic_write(APIC_EOI, 0);
}

static int lapic_wait_idle(void)
{
	for (u32 i = 0; i < ICR_POLLS; i++) {
		if (!(lapic_read(APIC_ICR) & APIC_ICR_BUSY))
			return 0;
		__asm__ __volatile__("pause");
	}
	return -ETIMEDOUT;
}

int lapic_send(u32 dest, u32 icr)
{
	irqflags_t flags;
	int err;

	/* ICR2 then ICR: an interrupt in between must not send its own. */
	local_irq_save(flags);
	err = lapic_wait_idle();
	if (!err) {
		lapic_write(APIC_ICR2, dest << 24);
		lapic_write(APIC_ICR, icr);
	}
	local_irq_restore(flags);
	return err;
}

int lapic_wakeup_cpu(u32 apic_id, u64 start_pa)
{
	u32 esr;
	int err;

	lapic_write(APIC_ESR, 0);
	err = lapic_send(apic_id,
			 APIC_DM_INIT | APIC_INT_LEVELTRIG | APIC_INT_ASSERT);
	if (!err)
		err = lapic_wait_idle();
	mdelay(10);
	if (!err)
		err = lapic_send(apic_id, APIC_DM_INIT | APIC_INT_LEVELTRIG);
	for (int i = 0; i < 2 && !err; i++) {
		err = lapic_send(apic_id, APIC_DM_STARTUP | (u32)(start_pa >>
								  PAGE_SHIFT));
		udelay(200);
		if (!err)
			err = lapic_wait_idle();
	}
	lapic_write(APIC_ESR, 0);
	esr = lapic_read(APIC_ESR) & 0xef;
	if (err)
		pr_err("apic: the IPI to APIC id %u never left the ICR\n",
		       apic_id);
	else if (esr)
		pr_warn("apic: APIC error status 0x%x after starting APIC id %u\n",
			esr, apic_id);
	return err;
}
