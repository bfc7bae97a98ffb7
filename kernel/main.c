// SPDX-License-Identifier: MIT
/*
 * DOC: start_kernel
 *
 * The boot sequence, read top to bottom.  The arch's entry code has set up
 * a stack, cleared BSS, recorded the firmware's arguments and registered a
 * boot console before calling here.
 */
#include <kernel/app.h>
#include <kernel/cmdline.h>
#include <kernel/console.h>
#include <kernel/init.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <kernel/time.h>
#include <mm/boot.h>
#include <mm/percpu.h>

#define KITE_VERSION "0.1.0"

noinline __noreturn void rest_init(void);

void __init __noreturn start_kernel(struct boot_info *bi)
{
	boot_mark(BOOT_ENTRY);
	pr_notice("Kite " KITE_VERSION " (" CONFIG_ARCH ", board " CONFIG_BOARD
		  ", app " CONFIG_APP_NAME ") built with gcc " __VERSION__
		  "\n");

	/* Firmware memory facts -> memblock; console; early parameters. */
	setup_arch(bi);
	boot_mark(BOOT_SETUP_ARCH);
	pr_info("Kernel command line: %s\n", boot_command_line);

	/* The CPUs setup_arch() found get their per-cpu areas. */
	smp_prepare_boot_cpu(bi);
	setup_per_cpu_areas();

	/* Zones, struct pages, the buddy allocator, then the slab. */
	mm_init();
	boot_mark(BOOT_MM_INIT);

	parse_late_params();
	arch_late_init();
	/* The other CPUs: up and idle, serving cross-calls. */
	smp_init();
	rest_init();
}

/*
 * Not __init: it frees the init sections, start_kernel included, and then
 * becomes the application's context.
 */
noinline __noreturn void rest_init(void)
{
	free_initmem();
	fault_after_free_initmem();
	run_application();
}
