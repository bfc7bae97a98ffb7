/* SPDX-License-Identifier: MIT */
/* SBI calls (RISC-V Supervisor Binary Interface, v0.2+ and legacy). */
#ifndef _ASM_RISCV_SBI_H
#define _ASM_RISCV_SBI_H

#include <kernel/types.h>

#define SBI_EXT_LEGACY_PUTCHAR 0x01
#define SBI_EXT_BASE 0x10
#define SBI_EXT_TIME 0x54494d45
#define SBI_EXT_IPI 0x735049
#define SBI_EXT_RFENCE 0x52464e43
#define SBI_EXT_HSM 0x48534d
#define SBI_EXT_SRST 0x53525354
#define SBI_EXT_PMU 0x504d55
#define SBI_EXT_DBCN 0x4442434e

#define SBI_EXT_LEGACY_SEND_IPI 0x04

#define SBI_SUCCESS 0
#define SBI_ERR_FAILED -1
#define SBI_ERR_NOT_SUPPORTED -2
#define SBI_ERR_INVALID_PARAM -3
#define SBI_ERR_DENIED -4
#define SBI_ERR_INVALID_ADDRESS -5
#define SBI_ERR_ALREADY_AVAILABLE -6

#define SBI_SRST_TYPE_SHUTDOWN 0
#define SBI_SRST_TYPE_COLD_REBOOT 1
#define SBI_SRST_REASON_NONE 0
#define SBI_SRST_REASON_SYSTEM_FAILURE 1

#define SBI_HSM_STARTED 0
#define SBI_HSM_STOPPED 1

struct sbiret {
	long error;
	long value;
};

struct sbiret sbi_ecall(unsigned long ext, unsigned long fid, unsigned long a0,
			unsigned long a1, unsigned long a2);
void sbi_init(void);
bool sbi_has_ext(unsigned long ext);
unsigned long sbi_spec_version(void);
void sbi_console_putc(char c);
void sbi_console_register(void);
/* The SBI implementation and extensions, for the boot log. */
void sbi_print_info(void);
long sbi_set_timer(u64 stime);
long sbi_hart_status(unsigned long hartid);
bool sbi_has_hsm(void);
/* HSM hart_start: @hartid runs @start_pa in S-mode, a1 = @opaque. */
long sbi_hart_start(unsigned long hartid, unsigned long start_pa,
		    unsigned long opaque);
/* Raise the supervisor software interrupt on @hartid (IPI or legacy). */
long sbi_send_ipi(unsigned long hartid);
/* The name of an SBI error code, for the log. */
const char *sbi_strerror(long err);
long sbi_system_reset(unsigned long type, unsigned long reason);

#endif
