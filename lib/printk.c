// SPDX-License-Identifier: MIT
/*
 * DOC: printk
 *
 * printk formats a message, drops it if its level is above the console log
 * level, prefixes each new line with the boot timestamp "[    0.000123] "
 * and writes it to every registered console.  Every message, printed or
 * not, is also kept in a ring buffer (log_buf) so selftests can check that
 * a report was made, and so the log can be dumped after a crash.
 *
 * With SMP one CPU at a time emits (printk_lock, interrupts off), so lines
 * from several CPUs do not interleave.  A CPU that faults while printing
 * prints its report without the lock, and one that waits too long for it
 * (its holder wedged or stopped) prints anyway: a report must get out.
 */
#include <kernel/console.h>
#include <kernel/printf.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>
#include <kernel/string.h>
#include <kernel/time.h>

int console_loglevel = CONFIG_LOGLEVEL_DEFAULT;

static struct console *consoles;

void register_console(struct console *con)
{
	struct console **pp = &consoles;

	/* A real console retires the boot consoles (they print to the same
	 * wire, so keeping both would double every line). */
	if (!(con->flags & CON_BOOT)) {
		while (*pp) {
			if ((*pp)->flags & CON_BOOT)
				*pp = (*pp)->next;
			else
				pp = &(*pp)->next;
		}
	}
	con->flags |= CON_ENABLED;
	con->next = consoles;
	consoles = con;
}

void unregister_console(struct console *con)
{
	for (struct console **pp = &consoles; *pp; pp = &(*pp)->next) {
		if (*pp == con) {
			*pp = con->next;
			con->flags &= ~CON_ENABLED;
			return;
		}
	}
}

const char *console_name(void)
{
	return consoles ? consoles->name : "none";
}

void console_write(const char *s, size_t n)
{
	for (struct console *c = consoles; c; c = c->next)
		c->write(c, s, n);
}

#ifdef CONFIG_PRINTK
#define LOG_BUF_LEN (1 << 14)
static char log_buf[LOG_BUF_LEN];
static unsigned long log_head; /* total bytes ever written */
static bool at_line_start = true;

static void log_store(const char *s, size_t n)
{
	while (n) {
		size_t at = log_head % LOG_BUF_LEN;
		size_t k = n < LOG_BUF_LEN - at ? n : LOG_BUF_LEN - at;

		memcpy(log_buf + at, s, k);
		log_head += k;
		s += k;
		n -= k;
	}
}

/*
 * "[%5llu.%06llu] " for @ns, as seconds and microseconds, into @ts (32
 * bytes): once per line, so not through vsnprintf().  Return its length.
 */
static int format_timestamp(char *ts, u64 ns)
{
	u64 sec = ns / NSEC_PER_SEC;
	unsigned long us = (unsigned long)(ns % NSEC_PER_SEC) / 1000;
	char digits[20];
	int n = 0, len = 0, i;

	do {
		digits[n++] = (char)('0' + sec % 10);
		sec /= 10;
	} while (sec);
	ts[len++] = '[';
	for (i = n; i < 5; i++)
		ts[len++] = ' ';
	while (n)
		ts[len++] = digits[--n];
	ts[len++] = '.';
	for (i = 5; i >= 0; i--, us /= 10)
		ts[len + i] = (char)('0' + us % 10);
	len += 6;
	ts[len++] = ']';
	ts[len++] = ' ';
	return len;
}

unsigned long printk_log_mark(void)
{
	return log_head;
}

/**
 * printk_log_since - was @needle printed since @mark?
 * @mark: a value from printk_log_mark()
 * @needle: text to look for
 *
 * Searches what printk stored after @mark (at most the ring buffer's size).
 * Used by selftests that expect a report.
 */
bool printk_log_since(unsigned long mark, const char *needle)
{
	size_t nl = strlen(needle);
	unsigned long start = mark;

	if (log_head - start > LOG_BUF_LEN)
		start = log_head - LOG_BUF_LEN;
	for (unsigned long i = start; i + nl <= log_head; i++) {
		size_t j = 0;

		while (j < nl && log_buf[(i + j) % LOG_BUF_LEN] == needle[j])
			j++;
		if (j == nl)
			return true;
	}
	return false;
}

#ifdef CONFIG_SMP
static DEFINE_SPINLOCK(printk_lock);
static int printk_owner = -1;
/* How long to wait for the lock before printing regardless: tries. */
#define PRINTK_LOCK_LOOPS (1UL << 24)

static bool printk_lock_get(void)
{
	int me = smp_processor_id();
	unsigned long loops = 0;

	/* Nested on this CPU: a fault or report while printing. */
	if (__atomic_load_n(&printk_owner, __ATOMIC_RELAXED) == me)
		return false;
	while (!arch_spin_trylock(&printk_lock)) {
		if (++loops == PRINTK_LOCK_LOOPS)
			return false;
		cpu_relax();
	}
	__atomic_store_n(&printk_owner, me, __ATOMIC_RELAXED);
	return true;
}

static void printk_lock_put(bool locked)
{
	if (!locked)
		return;
	__atomic_store_n(&printk_owner, -1, __ATOMIC_RELAXED);
	arch_spin_unlock(&printk_lock);
}
#else
#define printk_lock_get() false
#define printk_lock_put(locked) ((void)(locked))
#endif

static void emit(const char *s, size_t n, bool print)
{
	log_store(s, n);
	if (print)
		console_write(s, n);
}

int vprintk(const char *fmt, va_list ap)
{
	/* Level of the last message, inherited by KERN_CONT pieces. */
	static int last_level = LOGLEVEL_INFO;
	char buf[512];
	int level = LOGLEVEL_WARNING; /* no prefix: Linux's default level */
	bool cont = false, print;
	const char *p, *end;
	irqflags_t flags;
	bool locked;
	int len;

	if (fmt[0] == KERN_SOH[0] && fmt[1]) {
		if (fmt[1] == 'c')
			cont = true;
		else if (fmt[1] >= '0' && fmt[1] <= '7')
			level = fmt[1] - '0';
		fmt += 2;
	}
	len = vscnprintf(buf, sizeof(buf), fmt, ap);
	local_irq_save(flags);
	locked = printk_lock_get();
	if (cont)
		level = last_level;
	last_level = level;
	print = level < console_loglevel;

	/* A new message ends a line left open by an unfinished one. */
	if (!cont && !at_line_start) {
		emit("\n", 1, print);
		at_line_start = true;
	}
	for (p = buf, end = buf + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);

		if (at_line_start && IS_ENABLED(CONFIG_PRINTK_TIME)) {
			char ts[32];
			int tl = format_timestamp(ts, ktime_get_ns());

			emit(ts, (size_t)tl, print);
		}
		emit(p, n, print);
		at_line_start = nl != NULL;
		p += n;
	}
	printk_lock_put(locked);
	local_irq_restore(flags);
	return len;
}
#endif /* CONFIG_PRINTK */
