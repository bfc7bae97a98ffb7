// SPDX-License-Identifier: MIT
/*
 * DOC: RISC-V setup
 *
 * riscv_boot() is the first C code: it records the firmware's arguments,
 * installs the trap vector, probes SBI and registers the SBI boot console
 * so everything after it can print.  setup_arch() then reads the
 * devicetree: console, timebase, command line, harts, and memory, which
 * it hands to memblock (riscv_memblock_init in mm.c).
 */
#include <asm/csr.h>
#include <asm/sbi.h>
#include <kernel/cmdline.h>
#include <kernel/errno.h>
#include <kernel/exit.h>
#include <kernel/fdt.h>
#include <kernel/init.h>
#include <kernel/printk.h>
#include <kernel/serial.h>
#include <kernel/string.h>
#include <kernel/time.h>

#include <asm/mm.h>
#include <asm/pgtable.h>

/* How far past its header we let a devicetree extend (U-Boot's and
 * QEMU's are tens of KiB; the spec sets no limit, this keeps a corrupt
 * totalsize from sending reads across all of memory). */
#define DTB_MAX_SIZE (2UL << 20)

unsigned long boot_hartid;
phys_addr_t boot_dtb_pa;
struct dt_blob boot_dt;
/* The built-in devicetree replaced the firmware's: the map is assumed. */
bool boot_dt_builtin;
extern u64 riscv_timebase;

void riscv_trap_init(void);
void riscv_timer_init(unsigned int hz);
void sbi_print_info(void);
void riscv_power_init(const struct dt_blob *dt);
bool riscv_power_fallback(const char *why);
void riscv_memblock_init(const struct dt_blob *dt);
void riscv_harts_init(const struct dt_blob *dt);

#ifdef CONFIG_BUILTIN_DTB
extern const char __builtin_dtb[], __builtin_dtb_end[];
#endif

void __init __noreturn riscv_boot(unsigned long hartid, unsigned long dtb);
void __init __noreturn riscv_boot(unsigned long hartid, unsigned long dtb)
{
	boot_counter_start = get_cycles();
	boot_hartid = hartid;
	boot_dtb_pa = dtb;
	riscv_trap_init();
	sbi_init();
	sbi_console_register();
	start_kernel();
}

static void __init dt_setup(void)
{
	int err = -EINVAL;

	/*
	 * The header must be sound.  With a built-in DTB to fall back on, the
	 * whole structure is checked too, and a damaged blob is replaced.
	 * Without one, a damaged blob is still used: every read of it is
	 * bounds-checked, so the console and the exit device can be found
	 * and the memory scan stops the boot with EXIT_BADFW, which then
	 * reaches QEMU through the test device.
	 */
	if (boot_dtb_pa && !(boot_dtb_pa & 7)) {
		err = dt_init(&boot_dt, __va(boot_dtb_pa), DTB_MAX_SIZE);
		if (!err && IS_ENABLED(CONFIG_BUILTIN_DTB))
			err = dt_check(&boot_dt);
	} else
		pr_err("dt: firmware passed no usable devicetree (a1 = 0x%llx)\n",
		       (unsigned long long)boot_dtb_pa);
	if (!err) {
		pr_info("dt: devicetree at 0x%llx, %u bytes, version %u\n",
			(unsigned long long)boot_dtb_pa, boot_dt.size,
			boot_dt.version);
		return;
	}
#ifdef CONFIG_BUILTIN_DTB
	pr_warn("dt: using the built-in devicetree (" CONFIG_BUILTIN_DTB_NAME
		")\n");
	boot_dtb_pa = __pa(__builtin_dtb);
	if (!dt_init(&boot_dt, __builtin_dtb,
		     (size_t)(__builtin_dtb_end - __builtin_dtb)) &&
	    !dt_check(&boot_dt)) {
		/*
		 * The boot goes on (that is what the fallback is for), but
		 * the firmware's tree was bad: the run must not pass for a
		 * clean one (docs/bringup.md).
		 */
		boot_dt_builtin = true;
		kernel_exit_degraded(
			"the built-in devicetree (the firmware's was unusable)");
		return;
	}
#endif
	pr_emerg("dt: no valid devicetree: cannot find memory, stopping\n");
	riscv_power_fallback("devicetree unreadable");
	machine_power_off(EXIT_BADFW);
}

static void __init timebase_setup(void)
{
	int cpus = dt_path_offset(&boot_dt, "/cpus");
	u32 tb = cpus >= 0 ? dt_getprop_u32(&boot_dt, cpus,
					    "timebase-frequency", 0)
			   : 0;

	if (tb) {
		riscv_timebase = tb;
	} else {
		pr_warn("dt: /cpus has no timebase-frequency, assuming %llu Hz\n",
			(unsigned long long)riscv_timebase);
	}
	pr_info("clocksource: riscv time CSR at %llu Hz\n",
		(unsigned long long)riscv_timebase);
}

void __init setup_arch(void)
{
	sbi_print_info();
	dt_setup();

	if (uart_console_init_dt(&boot_dt))
		pr_info("console: no UART driver matches, staying on SBI\n");
	else
		pr_info("console [%s] enabled, bootconsole disabled\n",
			console_name());

	timebase_setup();
	cmdline_init(dt_chosen_bootargs(&boot_dt));
	parse_early_param();
	riscv_power_init(&boot_dt);
	riscv_harts_init(&boot_dt);
	riscv_memblock_init(&boot_dt);
	/* Sv39 with W^X, from memblock pages (mm/paging.c). */
	riscv_paging_init();
}

void __init arch_late_init(void)
{
	/* A 100 Hz tick for timed waits; the clock itself is the time CSR. */
	riscv_timer_init(100);
}

/* Hart ids from /cpus; only the boot hart runs, the rest stay stopped. */
#define MAX_HARTS CONFIG_RISCV_MAX_HARTS
unsigned long hart_ids[MAX_HARTS];
int nr_harts;

void __init riscv_harts_init(const struct dt_blob *dt)
{
	int cpus = dt_path_offset(dt, "/cpus");
	int node;

	if (cpus < 0) {
		pr_warn("dt: no /cpus node\n");
		return;
	}
	for (node = dt_first_child(dt, cpus); node >= 0;
	     node = dt_next_sibling(dt, node)) {
		const char *type = dt_getprop_string(dt, node, "device_type");
		u64 id, size;

		if (!type || strcmp(type, "cpu"))
			continue;
		if (dt_read_reg(dt, node, 0, &id, &size))
			continue;
		if (!dt_node_is_available(dt, node))
			continue;
		if (nr_harts < MAX_HARTS)
			hart_ids[nr_harts++] = (unsigned long)id;
	}
	pr_info("smp: %d hart%s in /cpus, booted on hart %lu; others stay stopped\n",
		nr_harts, nr_harts == 1 ? "" : "s", boot_hartid);
	/* Ask SBI HSM what the others are doing (they should be stopped). */
	for (int i = 0; i < nr_harts; i++) {
		long st;

		if (hart_ids[i] == boot_hartid)
			continue;
		st = sbi_hart_status(hart_ids[i]);
		if (st < 0)
			break; /* no HSM: nothing to report */
		pr_info("smp: hart %lu: %s\n", hart_ids[i],
			st == SBI_HSM_STOPPED	? "stopped"
			: st == SBI_HSM_STARTED ? "started"
						: "in transition");
	}
}
