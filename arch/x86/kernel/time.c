// SPDX-License-Identifier: MIT
/*
 * DOC: the TSC clock
 *
 * The time stamp counter is the clock.  Its rate comes, first found first
 * used, from:
 *
 * 1. CPUID leaf 0x15 (crystal frequency and TSC/crystal ratio): exact;
 * 2. the hypervisor timing leaf 0x40000010 (TSC kHz in EAX; VMware's
 *    convention, which KVM/QEMU and others follow), when the CPU says it
 *    runs under a hypervisor and leaf 0x40000000 reaches it;
 * 3. a 50 us calibration against the HPET (at the PC's conventional
 *    address, which the boot page tables map), cross-checked against the
 *    PIT over the same window: the HPET's 100 MHz-class counter gives the
 *    rate, the PIT (60 ticks) only has to agree within 5%, which catches
 *    a clock that does not tick or ticks at the wrong rate;
 * 4. a 2 ms PIT one-shot (what the boot used to wait for every time);
 * 5. CPUID 0x16's nominal base frequency.
 *
 * tsc_print() logs the source.  Until tsc_init() arch_counter_freq() is 0
 * and timestamps read 0.
 */
#include <asm/io.h>
#include <asm/mm.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <kernel/init.h>
#include <kernel/printk.h>
#include <kernel/time.h>

#define PIT_HZ 1193182ULL
#define PIT_CH2 0x42
#define PIT_CMD 0x43
#define PIT_PORT_B 0x61	   /* bit 0: ch2 gate, bit 1: speaker, bit 5: OUT2 */
#define PIT_LATCH_CH2 0x80 /* counter latch command for channel 2 */
/*
 * 2 ms of PIT is 2386 ticks: the rate is good to ~0.05%.  Only a fallback
 * now: under -icount it alone is 2 M instructions of boot.
 */
#define CALIBRATE_MS 2

/* HPET registers (IA-PC HPET specification) */
#define HPET_BASE 0xfed00000UL
#define HPET_PERIOD 0x004 /* high half of the capabilities: fs per tick */
#define HPET_CFG 0x010	  /* bit 0: the main counter runs */
#define HPET_COUNTER 0x0f0
#define HPET_MAX_PERIOD 100000000U /* 100 ns, the specification's limit */
#define QUICK_US 50
#define QUICK_TOLERANCE_PCT 5

static u64 tsc_hz;
static const char *tsc_source = "none";

u64 arch_counter_read(void)
{
	return get_cycles();
}

u64 arch_counter_freq(void)
{
	return tsc_hz;
}

static u64 __init tsc_from_cpuid_15(void)
{
	u32 den, num, crystal, d;

	if (cpuid_eax(0) < 0x15)
		return 0;
	cpuid(0x15, &den, &num, &crystal, &d);
	if (!den || !num || !crystal)
		return 0;
	return (u64)crystal * num / den;
}

static u64 __init tsc_from_cpuid_16(void)
{
	u32 a, b, c, d;

	if (cpuid_eax(0) < 0x16)
		return 0;
	cpuid(0x16, &a, &b, &c, &d);
	return (u64)(a & 0xffff) * 1000000;
}

static u64 __init tsc_from_hypervisor(void)
{
	u32 a, b, c, d;

	cpuid(1, &a, &b, &c, &d);
	if (!(c & (1U << 31))) /* not under a hypervisor */
		return 0;
	if (cpuid_eax(0x40000000) < 0x40000010)
		return 0;
	return (u64)cpuid_eax(0x40000010) * 1000;
}

/* Channel 2 as a one-shot from @latch, gate on, speaker off; mode 0: OUT2
 * goes high when the count reaches zero. */
static void __init pit_ch2_start(u16 latch)
{
	outb((u8)((inb(PIT_PORT_B) & ~0x02) | 0x01), PIT_PORT_B);
	outb(0xb0, PIT_CMD);
	outb((u8)latch, PIT_CH2);
	outb((u8)(latch >> 8), PIT_CH2);
}

/* One reading of the PIT and the HPET, each with the TSC halfway through
 * the access that sampled it. */
struct clock_sample {
	u64 tsc_pit, tsc_hpet;
	u32 hpet;
	u16 pit;
};

static void __init clock_sample(const volatile u8 *hpet, struct clock_sample *s)
{
	u64 t0 = get_cycles(), t1, t2;
	u8 lo;

	outb(PIT_LATCH_CH2, PIT_CMD);
	t1 = get_cycles();
	s->hpet = readl(hpet + HPET_COUNTER);
	t2 = get_cycles();
	lo = inb(PIT_CH2);
	s->pit = (u16)(lo | inb(PIT_CH2) << 8);
	s->tsc_pit = t0 + (t1 - t0) / 2;
	s->tsc_hpet = t1 + (t2 - t1) / 2;
}

/*
 * The TSC against the HPET over QUICK_US, and against the PIT over the
 * same window.  0 if there is no HPET, its counter does not run, or the
 * two clocks disagree (logged).
 */
static u64 __init tsc_from_hpet_pit(void)
{
	const volatile u8 *hpet = (const volatile u8 *)HPET_BASE;
	volatile u8 *cfgp = (volatile u8 *)HPET_BASE + HPET_CFG;
	u32 period = readl(hpet + HPET_PERIOD), cfg, ticks;
	struct clock_sample s0, s1;
	u64 hz, pit_hz, ps;

	/* absent: reads all ones (or 0) */
	if (!period || period > HPET_MAX_PERIOD)
		return 0;
	cfg = readl(cfgp);
	if (!(cfg & 1))
		writel(cfg | 1, cfgp);
	ticks = (u32)(QUICK_US * 1000000000ULL / period);
	pit_ch2_start(0xffff);
	clock_sample(hpet, &s0);
	while (readl(hpet + HPET_COUNTER) - s0.hpet < ticks) {
		/* a counter that does not run: give up after ~2^28 cycles */
		if (get_cycles() - s0.tsc_hpet > (1ULL << 28))
			break;
	}
	clock_sample(hpet, &s1);
	if (!(cfg & 1))
		writel(cfg, cfgp); /* leave it as found */
	if (s1.hpet - s0.hpet < ticks) {
		pr_warn("tsc: the HPET counter does not run; not used\n");
		return 0;
	}
	ps = (u64)(s1.hpet - s0.hpet) * period / 1000;
	hz = (s1.tsc_hpet - s0.tsc_hpet) * 1000000000000ULL / ps;
	pit_hz = s0.pit > s1.pit ? (s1.tsc_pit - s0.tsc_pit) * PIT_HZ /
					   (u64)(s0.pit - s1.pit)
				 : 0;
	if (pit_hz * 100 < hz * (100 - QUICK_TOLERANCE_PCT) ||
	    pit_hz * 100 > hz * (100 + QUICK_TOLERANCE_PCT)) {
		pr_warn("tsc: the HPET gives %llu kHz, the PIT %llu kHz: no agreement\n",
			(unsigned long long)(hz / 1000),
			(unsigned long long)(pit_hz / 1000));
		return 0;
	}
	return hz;
}

static u64 __init tsc_from_pit(void)
{
	u16 latch = (u16)(PIT_HZ * CALIBRATE_MS / 1000);
	u64 t0, t1;

	pit_ch2_start(latch);
	t0 = get_cycles();
	/* Machines without a PIT read 0xff or never set OUT2: give up
	 * after ~2^32 cycles (seconds at any plausible TSC rate). */
	while (!(inb(PIT_PORT_B) & 0x20)) {
		if (get_cycles() - t0 > (1ULL << 32))
			return 0;
	}
	t1 = get_cycles();
	/* OUT2 already high (port reads 0xff): no PIT, no answer. */
	if (t1 - t0 < 1000 * CALIBRATE_MS)
		return 0;
	return (t1 - t0) * 1000 / CALIBRATE_MS;
}

void __init tsc_init(void)
{
	if ((tsc_hz = tsc_from_cpuid_15()))
		tsc_source = "CPUID 0x15";
	else if ((tsc_hz = tsc_from_hypervisor()))
		tsc_source = "hypervisor CPUID 0x40000010";
	else if ((tsc_hz = tsc_from_hpet_pit()))
		tsc_source = "HPET calibration, PIT agrees";
	else if ((tsc_hz = tsc_from_pit()))
		tsc_source = "PIT calibration";
	else if ((tsc_hz = tsc_from_cpuid_16()))
		tsc_source = "CPUID 0x16 base frequency";
}

void __init tsc_print(void)
{
	if (!tsc_hz) {
		pr_warn("tsc: cannot determine the TSC rate; timestamps stay 0\n");
		return;
	}
	pr_info("tsc: Detected %llu.%03llu MHz processor (%s)\n",
		(unsigned long long)(tsc_hz / 1000000),
		(unsigned long long)(tsc_hz / 1000 % 1000), tsc_source);
}
