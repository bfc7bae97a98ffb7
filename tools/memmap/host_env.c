// SPDX-License-Identifier: MIT
/*
 * What the kernel code in tools/memmap needs from its environment:
 * printk to stdout (levels stripped, no timestamps, so the lines diff
 * against a boot log with its "[    0.000000] " prefixes cut), panic, WARN,
 * taints and symbol names,
 * and simulated physical memory for the struct pages of free_area_init().
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <kernel/printk.h>
#include <kernel/taint.h>
#include <kernel/types.h>

#include "host.h"

int console_loglevel = 7;
_Thread_local int host_current_cpu; /* as tests/host/include/asm/smp.h says */
uintptr_t host_phys_offset;
phys_addr_t host_sim_base, host_sim_end;

void host_sim_mem(phys_addr_t base, u64 size)
{
	void *map = mmap(NULL, size, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (map == MAP_FAILED) {
		perror("memmap: mmap");
		exit(2);
	}
	host_sim_base = base;
	host_sim_end = base + size;
	host_phys_offset = (uintptr_t)map - (uintptr_t)base;
}

int vprintk(const char *fmt, va_list ap)
{
	int level = 6;

	if (fmt[0] == KERN_SOH[0] && fmt[1]) {
		if (fmt[1] >= '0' && fmt[1] <= '7')
			level = fmt[1] - '0';
		fmt += 2;
	}
	if (level > console_loglevel)
		return 0;
	return vprintf(fmt, ap);
}

void panic(const char *fmt, ...)
{
	va_list ap;

	printf("Kernel panic - not syncing: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	exit(3);
}

void __warn(const char *file, int line, unsigned long caller)
{
	printf("WARNING: at %s:%d caller %#lx\n", file, line, caller);
}

/* A report taints the kernel; the tool only prints what it found. */
void add_taint(unsigned int flag)
{
	(void)flag;
}

/* A one-shot tool: what it holds at exit is not a leak. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "detect_leaks=0";
}
