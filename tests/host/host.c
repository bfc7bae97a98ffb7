// SPDX-License-Identifier: MIT
/* Host stand-ins: TAP output, simulated RAM, printk capture, panic. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include <kernel/printk.h>
#include <kernel/taint.h>

#include "host.h"
#include "tap.h"

int tap_count, tap_failed;

int ok(int cond, const char *fmt, ...)
{
	va_list ap;

	tap_count++;
	if (!cond)
		tap_failed++;
	printf("%s %d - ", cond ? "ok" : "not ok", tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	return cond;
}

void tap_diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

void tap_skip(int n, const char *why)
{
	for (int i = 0; i < n; i++)
		printf("ok %d # SKIP %s\n", ++tap_count, why);
}

int tap_done(void)
{
	printf("1..%d\n", tap_count);
	if (tap_failed)
		printf("# %d of %d checks failed\n", tap_failed, tap_count);
	return tap_failed ? 1 : 0;
}

/* ---- simulated physical memory ---- */
uintptr_t host_phys_offset;
phys_addr_t host_sim_base, host_sim_end;
static void *sim_map;
static size_t sim_len, sim_map_len;

/*
 * Virtual and physical addresses of simulated RAM agree modulo this, as
 * on the kernel's linear map, so a naturally aligned buddy block (up to
 * 64 MiB) is naturally aligned at its virtual address too.
 */
#define HOST_SIM_ALIGN (64UL << 20)
_Thread_local int host_current_cpu;
_Thread_local void *host_percpu_base;

bool host_sim_reuse;

void host_sim_mem(phys_addr_t base, u64 size)
{
	uintptr_t va;

	/* the same range again: keep the pages (no new page faults) */
	if (sim_map && host_sim_reuse && base == host_sim_base &&
	    size == sim_len)
		return;
	if (sim_map)
		munmap(sim_map, sim_map_len);
	sim_len = size;
	sim_map_len = size + HOST_SIM_ALIGN;
	sim_map = mmap(NULL, sim_map_len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (sim_map == MAP_FAILED) {
		perror("host_sim_mem: mmap");
		exit(2);
	}
	/* the first address at or above the map congruent to @base */
	va = (uintptr_t)sim_map +
	     (((uintptr_t)base - (uintptr_t)sim_map) & (HOST_SIM_ALIGN - 1));
	host_sim_base = base;
	host_sim_end = base + size;
	host_phys_offset = va - (uintptr_t)base;
}

/* ---- printk ---- */
char host_log[65536];
static size_t host_log_len;
bool host_log_echo;
int console_loglevel = 7;
int host_warn_count;

void host_log_clear(void)
{
	host_log_len = 0;
	host_log[0] = 0;
}

bool host_log_contains(const char *needle)
{
	return strstr(host_log, needle) != NULL;
}

static void log_append(const char *s, size_t n)
{
	if (n >= sizeof(host_log) / 2) {
		s += n - sizeof(host_log) / 2;
		n = sizeof(host_log) / 2;
	}
	if (host_log_len + n + 1 > sizeof(host_log)) {
		/* keep the newer half */
		size_t keep = sizeof(host_log) / 2;
		memmove(host_log, host_log + host_log_len - keep, keep);
		host_log_len = keep;
	}
	memcpy(host_log + host_log_len, s, n);
	host_log_len += n;
	host_log[host_log_len] = 0;
}

int vprintk(const char *fmt, va_list ap)
{
	char buf[1024];
	int n;

	/* Strip the KERN_<level> prefix as the console does. */
	if (fmt[0] == KERN_SOH[0] && fmt[1])
		fmt += 2;
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (n < 0)
		return n;
	if ((size_t)n >= sizeof(buf))
		n = sizeof(buf) - 1;
	log_append(buf, (size_t)n);
	if (host_log_echo || getenv("HOST_VERBOSE"))
		fputs(buf, stderr);
	return n;
}

jmp_buf host_panic_jmp;
bool host_panic_armed;
char host_panic_msg[512];

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(host_panic_msg, sizeof(host_panic_msg), fmt, ap);
	va_end(ap);
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", host_panic_msg);
	if (host_panic_armed)
		longjmp(host_panic_jmp, 1);
	fprintf(stderr, "panic: %s\n", host_panic_msg);
	abort();
}

void __warn(const char *file, int line, unsigned long caller)
{
	host_warn_count++;
	printk(KERN_WARNING "WARNING: at %s:%d caller %#lx\n", file, line,
	       caller);
}

/* Taint: counted, as host_warn_count counts WARNs. */
unsigned long host_taint_count;

void add_taint(unsigned int flag)
{
	(void)flag;
	host_taint_count++;
}

unsigned long host_seed(void)
{
	const char *s = getenv("SEED");
	unsigned long seed =
		s ? strtoul(s, NULL, 0) : (unsigned long)time(NULL);

	printf("# seed %lu (rerun with SEED=%lu)\n", seed, seed);
	return seed;
}
