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
 */
#include <asm/io.h>
#include <asm/processor.h>
#include <kernel/exit.h>
#include <kernel/printk.h>

#define ACPI_PM1A_CNT_SEABIOS 0x604
#define ACPI_PM1A_CNT_OVMF_PC 0xb004
#define ACPI_SLP_EN 0x2000
#define ISA_DEBUG_EXIT_PORT 0xf4

void machine_power_off(int status)
{
	pr_notice("Power down: exit status %d\n", status);
	__asm__ __volatile__("cli");
	if (status == 0) {
		outw(ACPI_SLP_EN, ACPI_PM1A_CNT_SEABIOS);
		outw(ACPI_SLP_EN, ACPI_PM1A_CNT_OVMF_PC);
	} else {
		outb((u8)status, ISA_DEBUG_EXIT_PORT);
	}
	pr_emerg("power: cannot power off; halting\n");
	for (;;)
		halt();
}
