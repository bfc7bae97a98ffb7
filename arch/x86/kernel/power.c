// SPDX-License-Identifier: MIT
/*
 * DOC: power-off with a status
 *
 * Status 0: ACPI soft-off, written straight to PM1a_CNT without parsing
 * the ACPI tables (SLP_EN, SLP_TYP 0 is S5 on QEMU's chipsets).  The port
 * depends on the firmware: SeaBIOS (and QEMU's PVH boot, which runs
 * SeaBIOS first) puts the PM block at 0x600, OVMF on q35 too, OVMF on
 * the i440fx "pc" machine at 0xb000.  Writing both is harmless: only one
 * decodes.  QEMU then exits 0.
 *
 * Status N != 0: QEMU's isa-debug-exit device at port 0xf4 (ci/qemu.py
 * adds it) makes QEMU exit with (N << 1) | 1, and ci/qemu.py maps that
 * back to N.  QEMU's exit status is 8 bits, so only N = 1..127 survive
 * the round trip; the kernel's own statuses (kernel/exit.h) are all below
 * 128.  Exit 1 is QEMU's own error status, so N = 0 cannot go this way.
 *
 * On a real PC neither device exists for failures: the CPU halts with the
 * reason on the console.
 *
 * Neither write stops the CPU at once: QEMU takes the power-off request
 * to its main loop and the vCPU runs on for a while (isa-debug-exit, by
 * contrast, exits QEMU from the vCPU thread).  So the kernel gives the
 * machine POWER_OFF_WAIT_MS to go before it says it could not, instead of
 * printing "cannot power off" behind a power-off that is on its way.
 */
#include <asm/io.h>
#include <asm/processor.h>
#include <kernel/exit.h>
#include <kernel/printk.h>
#include <kernel/taint.h>
#include <kernel/time.h>

#define ACPI_PM1A_CNT_SEABIOS 0x604
#define ACPI_PM1A_CNT_OVMF_PC 0xb004
#define ACPI_SLP_EN 0x2000
#define ISA_DEBUG_EXIT_PORT 0xf4
#define POWER_OFF_WAIT_MS 1000

void machine_power_off(int status)
{
	status = power_down_announce(status);
	__asm__ __volatile__("cli");
	if (status == 0) {
		outw(ACPI_SLP_EN, ACPI_PM1A_CNT_SEABIOS);
		outw(ACPI_SLP_EN, ACPI_PM1A_CNT_OVMF_PC);
	} else {
		outb((u8)status, ISA_DEBUG_EXIT_PORT);
	}
	/* mdelay() needs the TSC calibrated; before that, count. */
	if (arch_counter_freq())
		mdelay(POWER_OFF_WAIT_MS);
	else
		for (volatile unsigned long i = 0; i < (1UL << 28); i++)
			__asm__ __volatile__("pause");
	pr_emerg("power: cannot power off; halting\n");
	for (;;)
		halt();
}
