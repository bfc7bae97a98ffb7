// SPDX-License-Identifier: MIT
/*
 * DOC: RISC-V setup
 *
 * riscv_boot() is the first C code: it records the firmware's arguments
 * in the struct boot_info it hands to start_kernel(), installs the trap
 * vector, probes SBI and registers the SBI boot console so everything
 * after it can print.  setup_arch() then reads the devicetree: console,
 * timebase, command line, harts, and memory, which it hands to memblock
 * (riscv_memblock_init() in arch/riscv/mm/init.c).
 */
#include <asm/csr.h>
#include <asm/sbi.h>
#include <asm/setup.h>
#include <kernel/cmdline.h>
#include <kernel/errno.h>
#include <kernel/exit.h>
#include <kernel/fdt.h>
#include <kernel/init.h>
#include <kernel/printk.h>
#include <kernel/serial.h>
#include <kernel/string.h>
#include <kernel/time.h>
#include <asm-generic/smp.h>
#include <mm/page_alloc.h>

#include <asm/mm.h>
#include <asm/pgtable.h>

/* How far past its header we let a devicetree extend (U-Boot's and
 * QEMU's are tens of KiB; the spec sets no limit, this keeps a corrupt
 * totalsize from sending reads across all of memory). */
#define DTB_MAX_SIZE (2UL << 20)

static struct boot_info boot_info __initdata;
/* The devicetree bi->fw_table points at, opened by dt_setup(); the
 * selftests read it after boot, so not __initdata. */
struct dt_blob boot_dt;
/* Its node index (QEMU virt: 39 nodes; a bigger tree is read unindexed). */
static struct dt_index_node boot_dt_nodes[256];
static struct dt_index boot_dt_index = {.node = boot_dt_nodes,
					.cap = ARRAY_SIZE(boot_dt_nodes)};

/*
 * quiet / loglevel= from /chosen before the first line is printed, so
 * that the lines before setup_arch() reach the console as the later ones
 * do (under quiet, each character on the SBI console is an ecall into
 * the firmware).  Silent: dt_setup() reports a bad blob, with the blob
 * and its index left for it when they are sound.
 */
static void __init early_loglevel(unsigned long dtb)
{
	int err = -EINVAL;

	if (dtb && !(dtb & 7) &&
	    !dt_init_quiet(&boot_dt, __va(dtb), DTB_MAX_SIZE))
		err = dt_index_build(&boot_dt, &boot_dt_index);
	/* -ENOSPC: sound, only too big for the index. */
	if (!err || err == -ENOSPC)
		cmdline_early_loglevel(dt_chosen_bootargs(&boot_dt));
	if (err)
		memset(&boot_dt, 0, sizeof(boot_dt));
}

void __init __noreturn riscv_boot(unsigned long hartid, unsigned long dtb)
{
	boot_counter_start = get_cycles();
	boot_info.protocol = BOOT_PROTO_SBI;
	boot_info.boot_cpu = hartid;
	boot_info.fw_table = dtb;
	riscv_trap_init();
	sbi_init();
	sbi_console_register();
	early_loglevel(dtb);
	start_kernel(&boot_info);
}

static void __init dt_setup(struct boot_info *bi)
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
	if (boot_dt.ix) {
		err = 0; /* early_loglevel() found it sound and indexed it */
	} else if (bi->fw_table && !(bi->fw_table & 7)) {
		err = dt_init(&boot_dt, __va(bi->fw_table), DTB_MAX_SIZE);
		if (!err && IS_ENABLED(CONFIG_BUILTIN_DTB))
			err = dt_check(&boot_dt);
	} else
		pr_err("dt: firmware passed no usable devicetree (a1 = 0x%llx)\n",
		       (unsigned long long)bi->fw_table);
	if (!err) {
		bi->fw_table_size = boot_dt.size;
		pr_info("dt: devicetree at 0x%llx, %u bytes, version %u\n",
			(unsigned long long)bi->fw_table, boot_dt.size,
			boot_dt.version);
		return;
	}
#ifdef CONFIG_BUILTIN_DTB
	pr_warn("dt: using the built-in devicetree (" CONFIG_BUILTIN_DTB_NAME
		")\n");
	bi->fw_table = __pa(__builtin_dtb);
	if (!dt_init(&boot_dt, __builtin_dtb,
		     (size_t)(__builtin_dtb_end - __builtin_dtb)) &&
	    (dt_index_build(&boot_dt, &boot_dt_index), !dt_check(&boot_dt))) {
		bi->fw_table_size = boot_dt.size;
		/*
		 * The boot goes on (that is what the fallback is for), but
		 * the firmware's tree was bad: the run must not pass for a
		 * clean one (docs/bringup.md).
		 */
		bi->fw_table_builtin = true;
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

void __init setup_arch(struct boot_info *bi)
{
	sbi_print_info();
	dt_setup(bi);

	if (uart_console_init_dt(&boot_dt))
		pr_info("console: no UART driver matches, staying on SBI\n");
	else
		pr_info("console [%s] enabled, bootconsole disabled\n",
			console_name());

	timebase_setup();
	bi->cmdline = dt_chosen_bootargs(&boot_dt);
	cmdline_init(bi->cmdline);
	parse_early_param();
	riscv_power_init(&boot_dt);
	riscv_harts_init(bi, &boot_dt);
	riscv_memblock_init(bi, &boot_dt);
	/* Sv39 with W^X, from memblock pages (mm/paging.c). */
	riscv_paging_init(bi);
}

void __init arch_late_init(void)
{
	/* A 100 Hz tick for timed waits; the clock itself is the time CSR. */
	riscv_timer_init(100);
}

/*
 * The harts in /cpus -> the CPU registry (kernel/smp.c), the boot hart
 * first so that it is logical CPU 0, the others in devicetree order: hart
 * ids may be sparse.  Skipped: nodes whose status is not "okay", and harts
 * without an MMU (no mmu-type, or "riscv,none"): the monitor cores (E51,
 * S7) of sifive_u, the Unmatched and the VisionFive 2 run M-mode code only.
 */
static bool __init hart_usable(const struct dt_blob *dt, int node,
			       const char **why)
{
	const char *mmu = dt_getprop_string(dt, node, "mmu-type");

	if (!mmu || !strcmp(mmu, "riscv,none"))
		*why = "no MMU (a monitor core)";
	else if (!dt_node_is_available(dt, node))
		*why = "disabled in the devicetree";
	else
		return true;
	return false;
}

void __init riscv_harts_init(const struct boot_info *bi,
			     const struct dt_blob *dt)
{
	int cpus = dt_path_offset(dt, "/cpus");
	int node, nr_harts = 0;

	smp_register_cpu(bi->boot_cpu, 0);
	if (cpus < 0) {
		pr_warn("dt: no /cpus node: only the boot hart runs\n");
		return;
	}
	for (node = dt_first_child(dt, cpus); node >= 0;
	     node = dt_next_sibling(dt, node)) {
		const char *type = dt_getprop_string(dt, node, "device_type");
		const char *why = NULL;
		int nid = (int)dt_getprop_u32(dt, node, "numa-node-id", 0);
		u64 id, size;

		if (!type || strcmp(type, "cpu"))
			continue;
		if (dt_read_reg(dt, node, 0, &id, &size))
			continue;
		nr_harts++;
		if (id == bi->boot_cpu) {
			set_cpu_numa_node(0, nid);
			continue;
		}
		if (!hart_usable(dt, node, &why))
			pr_info("smp: hart %llu skipped: %s\n",
				(unsigned long long)id, why);
		else if (smp_register_cpu((unsigned long)id, nid) < 0)
			pr_info("smp: hart %llu skipped: beyond CONFIG_NR_CPUS=%d\n",
				(unsigned long long)id, CONFIG_NR_CPUS);
	}
	pr_info("smp: %d hart%s in /cpus, booted on hart %lu, %u usable\n",
		nr_harts, nr_harts == 1 ? "" : "s", bi->boot_cpu, nr_cpu_ids);
}
