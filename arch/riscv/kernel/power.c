// SPDX-License-Identifier: MIT
/*
 * DOC: power-off with a status
 *
 * QEMU virt's test finisher ("sifive,test0", found in the devicetree) ends
 * QEMU with a status: 0x5555 means "pass" (exit 0), (code << 16) | 0x3333
 * means "fail with code".  Without it the SBI SRST extension shuts down
 * (status lost: the log line says it), and where shutdown is unsupported
 * (sifive_u) a cold reboot makes QEMU with -no-reboot exit.  A board that
 * always has the finisher at one address (QEMU virt) names it in
 * CONFIG_POWEROFF_SIFIVE_TEST_FALLBACK, for devicetrees that cannot say.
 */
#include <asm/io.h>
#include <asm/pgtable.h>
#include <asm/sbi.h>
#include <asm/setup.h>
#include <kernel/exit.h>
#include <kernel/fdt.h>
#include <kernel/printk.h>
#include <kernel/taint.h>

#ifdef CONFIG_POWEROFF_SIFIVE_TEST_FALLBACK
#define FINISHER_FALLBACK CONFIG_POWEROFF_SIFIVE_TEST_FALLBACK
#else
#define FINISHER_FALLBACK 0
#endif
#define FINISHER_PASS 0x5555
#define FINISHER_FAIL 0x3333

static volatile void *test_finisher;

void riscv_power_init(const struct dt_blob *dt)
{
	static const char *const compat[] = {"sifive,test1", "sifive,test0"};
	u64 addr, size;

	if (!IS_ENABLED(CONFIG_POWEROFF_SIFIVE_TEST))
		return;
	for (unsigned int i = 0; i < ARRAY_SIZE(compat); i++) {
		int node = dt_node_offset_by_compatible(dt, -1, compat[i]);

		if (node < 0 || !dt_node_is_available(dt, node))
			continue;
		if (dt_read_reg(dt, node, 0, &addr, &size))
			continue;
		test_finisher = ioremap(addr, size);
		pr_info("power: exit device %s at 0x%llx\n", compat[i],
			(unsigned long long)addr);
		return;
	}
	if (!riscv_power_fallback("no test finisher in the devicetree"))
		pr_info("power: no test finisher in the devicetree, using SBI SRST\n");
}

/*
 * The board's test finisher when the devicetree cannot name it (an
 * unreadable blob stops the boot before riscv_power_init() runs, and the
 * status must still reach QEMU).  Returns true if there is one.
 */
bool riscv_power_fallback(const char *why)
{
	const u64 addr = FINISHER_FALLBACK;

	if (!IS_ENABLED(CONFIG_POWEROFF_SIFIVE_TEST) || !addr)
		return false;
	if (!test_finisher) {
		test_finisher = ioremap(addr, 4);
		pr_warn("power: %s; using the board's test finisher at 0x%llx (CONFIG_POWEROFF_SIFIVE_TEST_FALLBACK)\n",
			why, (unsigned long long)addr);
	}
	return true;
}

void machine_power_off(int status)
{
	status = power_down_announce(status);
	if (test_finisher) {
		u32 v = status ? ((u32)(status & 0xffff) << 16) | FINISHER_FAIL
			       : FINISHER_PASS;

		writel(v, test_finisher);
	}
	sbi_system_reset(SBI_SRST_TYPE_SHUTDOWN,
			 status ? SBI_SRST_REASON_SYSTEM_FAILURE
				: SBI_SRST_REASON_NONE);
	/* sifive_u: shutdown is not supported; with -no-reboot, a reboot
	 * is how QEMU exits. */
	sbi_system_reset(SBI_SRST_TYPE_COLD_REBOOT,
			 status ? SBI_SRST_REASON_SYSTEM_FAILURE
				: SBI_SRST_REASON_NONE);
	pr_emerg("power: cannot power off; halting\n");
	for (;;)
		__asm__ __volatile__("wfi");
}
