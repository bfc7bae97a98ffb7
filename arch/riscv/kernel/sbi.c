// SPDX-License-Identifier: MIT
/*
 * DOC: SBI
 *
 * Calls into the SBI firmware.  sbi_init() probes the extensions present
 * (OpenSBI 1.1, as Debian ships it, has no DBCN console) and the rest of
 * the arch code asks sbi_has_ext() before using one.  The SBI console is
 * the boot console: it prints from the first line, before the devicetree
 * has told us where the UART is.
 */
#include <asm/sbi.h>
#include <kernel/console.h>
#include <kernel/printk.h>

#include <asm/mm.h>

static unsigned long spec_version;
static bool has_dbcn, has_time, has_srst, has_hsm, has_ipi;

struct sbiret sbi_ecall(unsigned long ext, unsigned long fid, unsigned long a0,
			unsigned long a1, unsigned long a2)
{
	register unsigned long r0 __asm__("a0") = a0;
	register unsigned long r1 __asm__("a1") = a1;
	register unsigned long r2 __asm__("a2") = a2;
	register unsigned long r6 __asm__("a6") = fid;
	register unsigned long r7 __asm__("a7") = ext;

	__asm__ __volatile__("ecall"
			     : "+r"(r0), "+r"(r1)
			     : "r"(r2), "r"(r6), "r"(r7)
			     : "memory");
	return (struct sbiret){.error = (long)r0, .value = (long)r1};
}

static long legacy_putchar(int c)
{
	register unsigned long r0 __asm__("a0") = (unsigned long)c;
	register unsigned long r7 __asm__("a7") = SBI_EXT_LEGACY_PUTCHAR;

	__asm__ __volatile__("ecall" : "+r"(r0) : "r"(r7) : "memory");
	return (long)r0;
}

bool sbi_has_ext(unsigned long ext)
{
	struct sbiret r = sbi_ecall(SBI_EXT_BASE, 3, ext, 0, 0);

	return !r.error && r.value;
}

void sbi_init(void)
{
	struct sbiret r = sbi_ecall(SBI_EXT_BASE, 0, 0, 0, 0);

	spec_version = r.error ? 0 : (unsigned long)r.value;
	if (spec_version) {
		has_dbcn = IS_ENABLED(CONFIG_RISCV_SBI_DBCN) &&
			   sbi_has_ext(SBI_EXT_DBCN);
		has_time = sbi_has_ext(SBI_EXT_TIME);
		has_srst = sbi_has_ext(SBI_EXT_SRST);
		has_hsm = sbi_has_ext(SBI_EXT_HSM);
		has_ipi = sbi_has_ext(SBI_EXT_IPI);
	}
}

unsigned long sbi_spec_version(void)
{
	return spec_version;
}

void sbi_console_putc(char c)
{
	if (has_dbcn) {
		/* DBCN write_byte: fid 2. */
		sbi_ecall(SBI_EXT_DBCN, 2, (unsigned char)c, 0, 0);
		return;
	}
	legacy_putchar(c);
}

static void sbi_con_write(struct console *con, const char *s, size_t n)
{
	(void)con;
	while (n--) {
		if (*s == '\n')
			sbi_console_putc('\r');
		sbi_console_putc(*s++);
	}
}

static struct console sbi_boot_console = {
	.name = "sbi",
	.write = sbi_con_write,
	.flags = CON_BOOT,
};

void sbi_console_register(void)
{
	register_console(&sbi_boot_console);
}

void sbi_print_info(void)
{
	pr_info("SBI specification v%lu.%lu detected\n",
		(spec_version >> 24) & 0x7f, spec_version & 0xffffff);
	pr_info("SBI extensions:%s%s%s%s%s%s\n", has_time ? " TIME" : "",
		has_hsm ? " HSM" : "", has_ipi ? " IPI" : "",
		has_srst ? " SRST" : "", has_dbcn ? " DBCN" : "",
		has_dbcn ? "" : " (console: legacy putchar)");
}

long sbi_set_timer(u64 stime)
{
	if (has_time)
		return sbi_ecall(SBI_EXT_TIME, 0, stime, 0, 0).error;
	/* Legacy set_timer: extension 0x00. */
	return sbi_ecall(0x00, 0, stime, 0, 0).error;
}

long sbi_hart_status(unsigned long hartid)
{
	struct sbiret r;

	if (!has_hsm)
		return SBI_ERR_NOT_SUPPORTED;
	r = sbi_ecall(SBI_EXT_HSM, 2, hartid, 0, 0);
	return r.error ? r.error : r.value;
}

long sbi_system_reset(unsigned long type, unsigned long reason)
{
	if (!has_srst)
		return SBI_ERR_NOT_SUPPORTED;
	return sbi_ecall(SBI_EXT_SRST, 0, type, reason, 0).error;
}

bool sbi_has_hsm(void)
{
	return has_hsm;
}

long sbi_hart_start(unsigned long hartid, unsigned long start_pa,
		    unsigned long opaque)
{
	if (!has_hsm)
		return SBI_ERR_NOT_SUPPORTED;
	return sbi_ecall(SBI_EXT_HSM, 0, hartid, start_pa, opaque).error;
}

long sbi_send_ipi(unsigned long hartid)
{
	unsigned long mask = 1;

	if (has_ipi) /* hart_mask 1 at hart_mask_base @hartid */
		return sbi_ecall(SBI_EXT_IPI, 0, mask, hartid, 0).error;
	/* Legacy: a0 points at a mask of hart ids from 0. */
	if (hartid >= 8 * sizeof(mask))
		return SBI_ERR_INVALID_PARAM;
	mask <<= hartid;
	return sbi_ecall(SBI_EXT_LEGACY_SEND_IPI, 0, (unsigned long)&mask, 0, 0)
		.error;
}

const char *sbi_strerror(long err)
{
	static const char *const names[] = {
		"success",	     "failed",		"not supported",
		"invalid parameter", "denied",		"invalid address",
		"already available", "already started", "already stopped",
	};

	return err <= 0 && -err < (long)ARRAY_SIZE(names) ? names[-err]
							  : "unknown error";
}
