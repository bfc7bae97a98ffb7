// SPDX-License-Identifier: MIT
/*
 * DOC: the TSC clock
 *
 * The time stamp counter is the clock.  Its rate comes from CPUID leaf
 * 0x15 when that leaf gives a crystal frequency and ratio (exact), else
 * from counting TSC ticks across a 20 ms PIT channel 2 one-shot, else from
 * CPUID 0x16's nominal base frequency.  Until then arch_counter_freq() is
 * 0 and timestamps read 0.
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
#define PIT_PORT_B 0x61 /* bit 0: ch2 gate, bit 1: speaker, bit 5: OUT2 */
/*
 * 2 ms of PIT is 2386 ticks: the rate is good to ~0.05%, and it is all the
 * boot waits for (20 ms would be four times the 5 ms boot budget).
 */
#define CALIBRATE_MS 2

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

static u64 __init tsc_from_pit(void)
{
	u16 latch = (u16)(PIT_HZ * CALIBRATE_MS / 1000);
	u64 t0, t1;

	/* Gate on, speaker off; channel 2, lo/hi byte, mode 0 (OUT2 goes
	 * high when the count reaches zero). */
	outb((u8)((inb(PIT_PORT_B) & ~0x02) | 0x01), PIT_PORT_B);
	outb(0xb0, PIT_CMD);
	outb((u8)latch, PIT_CH2);
	outb((u8)(latch >> 8), PIT_CH2);
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
