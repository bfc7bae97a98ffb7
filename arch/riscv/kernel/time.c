// SPDX-License-Identifier: MIT
/*
 * The RISC-V clock: the `time` CSR counts at /cpus/timebase-frequency.
 * Until the devicetree has been read, 10 MHz is assumed (QEMU virt's).
 */
#include <asm/mm.h>
#include <asm/setup.h>
#include <kernel/time.h>

u64 riscv_timebase = 10000000;

u64 arch_counter_read(void)
{
	return get_cycles();
}

u64 arch_counter_freq(void)
{
	return riscv_timebase;
}
