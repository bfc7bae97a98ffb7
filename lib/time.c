// SPDX-License-Identifier: MIT
/* Monotonic time from the arch counter; boot timeline marks. */
#include <kernel/time.h>

u64 boot_counter_start;
u64 boot_marks_ns[NR_BOOT_MARKS];

u64 ktime_get_ns(void)
{
	u64 freq = arch_counter_freq();
	u64 ticks = arch_counter_read() - boot_counter_start;

	if (!freq)
		return 0;
	/* Split to avoid overflowing 64 bits after ~30 minutes at GHz rates. */
	return (ticks / freq) * NSEC_PER_SEC +
	       (ticks % freq) * NSEC_PER_SEC / freq;
}

void ndelay(u64 ns)
{
	u64 end = ktime_get_ns() + ns;

	if (!arch_counter_freq())
		return;
	while (ktime_get_ns() < end)
		;
}

void udelay(u64 us)
{
	ndelay(us * NSEC_PER_USEC);
}

void mdelay(u64 ms)
{
	ndelay(ms * NSEC_PER_MSEC);
}

void boot_mark(enum boot_mark m)
{
	if (m < NR_BOOT_MARKS)
		boot_marks_ns[m] = ktime_get_ns();
}
