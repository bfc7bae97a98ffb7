// SPDX-License-Identifier: MIT
/*
 * DOC: x86 setup
 *
 * x86_boot() is the first C code (head.S calls it in long mode on the
 * boot stack, with the entry path and the loader's pointer, which it
 * records in the struct boot_info it hands to start_kernel()): it starts
 * the clock, registers COM1 as the console so everything after it can
 * print, installs the GDT/IDT and calibrates the TSC.  setup_arch() then reads
 * the loader's memory map into E820, takes the command line, applies
 * memmap=/mem=, checks that there is RAM and that it covers the kernel image,
 * hands memory to memblock, and finally replaces the boot page tables with a
 * direct map of all RAM.
 */
#include <asm/boot.h>
#include <asm/e820.h>
#include <asm/mm.h>
#include <asm/setup.h>
#include <kernel/cmdline.h>
#include <kernel/exit.h>
#include <kernel/init.h>
#include <kernel/printk.h>
#include <kernel/serial.h>
#include <kernel/time.h>
#include <mm/memblock.h>

/* Linux keeps the whole first MiB out of the allocator: BIOS data,
 * EBDA, option ROMs, and page 0 (so NULL is never a valid allocation).
 * With SMP only page 0 at first: the AP trampoline page comes from the
 * rest (x86_reserve_trampoline(), which then reserves all of it). */
#define LOW_RESERVE_END \
	(IS_ENABLED(CONFIG_SMP) ? (unsigned long long)PAGE_SIZE : 0x100000ULL)

/* COM1 in every boot path (PC standard, QEMU, OVMF, SeaBIOS). */
static struct uart_port com1 = {
	.base = 0x3f8,
	.pio = true,
	.reg_io_width = 1,
	.clock = 1843200, /* the PC UART crystal */
	.baud = 115200,
	.name = "ttyS0",
};

static struct boot_info boot_info __initdata;

void __init __noreturn x86_boot(u32 protocol, u32 info)
{
	boot_counter_start = get_cycles();
	boot_info.protocol = protocol;
	boot_info.boot_cpu = 0;
	boot_info.fw_table = info;
	ns16550_init(&com1);
	uart_register_console(&com1);
	x86_cpu_init(0);
	tsc_init();
	start_kernel(&boot_info);
}

/* The first two reservations: the static arrays always have room. */
static void __init reserve_early(void)
{
	if (e820__reserve_early(0, LOW_RESERVE_END) ||
	    e820__reserve_early(__pa(_start), (phys_addr_t)(_end - _start))) {
		pr_emerg(
			"memblock: cannot reserve the kernel image, stopping\n");
		machine_power_off(EXIT_BADFW);
	}
}

/*
 * A map without RAM leaves nothing to run on: stop with the bad-firmware
 * status.  RAM that misses the kernel image is wrong too, but the kernel
 * runs from there whatever the map says, so (as on riscv, where the
 * devicetree's memory nodes get the same treatment) the image is made RAM
 * and the boot goes on.
 */
static void __init check_e820_ram(void)
{
	u64 kbase = __pa(_start), ksize = (u64)(_end - _start);

	if (!e820__total(E820_TYPE_RAM)) {
		pr_emerg("e820: no usable RAM in the %s memory map, stopping\n",
			 e820_userdef ? "user-defined" : "firmware");
		machine_power_off(EXIT_BADFW);
	}
	if (!e820__mapped_all(kbase, kbase + ksize, E820_TYPE_RAM)) {
		pr_err("e820: usable RAM does not cover the kernel image [mem 0x%016llx-0x%016llx]; adding it\n",
		       (unsigned long long)kbase,
		       (unsigned long long)(kbase + ksize - 1));
		e820__set_ram(kbase, ksize);
	}
}

static const char *__init boot_protocol_name(u32 protocol)
{
	if (protocol == BOOT_PROTO_PVH)
		return "PVH";
	if (protocol == BOOT_PROTO_MB2)
		return "multiboot2";
	return "an unknown loader";
}

void __init setup_arch(struct boot_info *bi)
{
	pr_info("console [%s] enabled (ns16550 at I/O port 0x%lx)\n",
		console_name(), (unsigned long)com1.base);
	tsc_print();
	pr_info("boot: entered via %s\n", boot_protocol_name(bi->protocol));

	/* Reservations first: the boot structures are reserved while they
	 * are parsed, before any memory is added or allocated. */
	reserve_early();
	x86_parse_boot_info(bi);
	e820__update_table(e820_table);
	*e820_table_firmware = *e820_table;
	pr_info("BIOS-provided physical RAM map:\n");
	e820__print_table("BIOS-e820");

	cmdline_init(bi->cmdline);
	parse_early_param();
	e820__finish_early_params();
	check_e820_ram();

	/* Page tables come from memblock before the direct map exists:
	 * keep allocations inside head.S's 4 GiB identity map. */
	memblock_set_current_limit(0x100000000ULL);
	if (e820__memblock_setup())
		machine_power_off(EXIT_BADFW);
	x86_reserve_trampoline();
	if (!memblock_phys_mem_size() ||
	    memblock_phys_mem_size() <= memblock_reserved_size()) {
		pr_emerg(
			"memblock: no free memory left after reservations, stopping\n");
		machine_power_off(EXIT_BADFW);
	}
	/* The ACPI tables are read through head.S's map of the low 4 GiB,
	 * the local APIC mapped into the direct map that replaces it. */
	x86_smp_setup();
	x86_paging_init();
	x86_smp_map_apic();
	memblock_set_current_limit(MEMBLOCK_ALLOC_ANYWHERE);
	pr_info("memory: %llu MiB RAM, %llu KiB reserved\n",
		(unsigned long long)(memblock_phys_mem_size() >> 20),
		(unsigned long long)(memblock_reserved_size() >> 10));
}

void __init arch_late_init(void)
{
	/* No timer interrupt: time is the TSC, read on demand.  With SMP
	 * the cross-call IPI is taken from here on. */
	x86_smp_irq_enable();
}
