// SPDX-License-Identifier: MIT
/*
 * DOC: stdio for the application
 *
 * stdout and stderr write to the console, unprefixed and unbuffered.  The
 * formatting is the kernel's vsnprintf: a line is formatted into a stack
 * buffer, and only output longer than that buffer is formatted a second
 * time into a kmalloc'd one, so printf works with or without memory to
 * spare (without, long output is cut and ends in "...").
 */
#include <kernel/console.h>
#include <kernel/printf.h>
#include <kernel/string.h>
#include <mm/slab.h>

#include "../../include/libc/errno.h"
#include "../../include/libc/stdio.h"
#include "../../include/libc/string.h"

struct __kite_file {
	bool writable;
	bool error;
};

static struct __kite_file files[3] = {
	{.writable = false}, {.writable = true}, {.writable = true}};
FILE *const stdin = &files[0];
FILE *const stdout = &files[1];
FILE *const stderr = &files[2];

static int file_write(FILE *f, const char *s, size_t n)
{
	if (!f || !f->writable) {
		if (f)
			f->error = true;
		errno = EBADF;
		return EOF;
	}
	console_write(s, n);
	return 0;
}

int vfprintf(FILE *f, const char *fmt, va_list ap)
{
	char buf[256];
	char *big;
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(buf, sizeof(buf), fmt, cp);
	va_end(cp);
	if (n < (int)sizeof(buf))
		return file_write(f, buf, (size_t)n) ? EOF : n;

	big = kmalloc((size_t)n + 1, GFP_KERNEL);
	if (!big) {
		/* No memory for the long version: say that it was cut. */
		if (file_write(f, buf, sizeof(buf) - 1) ||
		    file_write(f, "...\n", 4))
			return EOF;
		return n;
	}
	va_copy(cp, ap);
	vsnprintf(big, (size_t)n + 1, fmt, cp);
	va_end(cp);
	if (file_write(f, big, (size_t)n))
		n = EOF;
	kfree(big);
	return n;
}

int fprintf(FILE *f, const char *fmt, ...)
{
	return va_call(fmt, vfprintf(f, fmt, ap));
}

int vprintf(const char *fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

int printf(const char *fmt, ...)
{
	return va_call(fmt, vfprintf(stdout, fmt, ap));
}

int vsprintf(char *buf, const char *fmt, va_list ap)
{
	/* No size: C's vsprintf trusts the caller, so do we. */
	return vsnprintf(buf, (size_t)-1 / 2, fmt, ap);
}

int sprintf(char *buf, const char *fmt, ...)
{
	return va_call(fmt, vsprintf(buf, fmt, ap));
}

int fputs(const char *s, FILE *f)
{
	return file_write(f, s, strlen(s)) ? EOF : 0;
}

int puts(const char *s)
{
	if (fputs(s, stdout))
		return EOF;
	return file_write(stdout, "\n", 1) ? EOF : 0;
}

int fputc(int c, FILE *f)
{
	char ch = (char)c;

	return file_write(f, &ch, 1) ? EOF : (unsigned char)c;
}

int putc(int c, FILE *f)
{
	return fputc(c, f);
}

int putchar(int c)
{
	return fputc(c, stdout);
}

size_t fwrite(const void *ptr, size_t size, size_t nmemb, FILE *f)
{
	size_t bytes;

	if (!size || !nmemb)
		return 0;
	if (__builtin_mul_overflow(size, nmemb, &bytes))
		return 0;
	return file_write(f, ptr, bytes) ? 0 : nmemb;
}

int fflush(FILE *f)
{
	/* Nothing is buffered. */
	return 0;
}

void perror(const char *s)
{
	if (s && *s)
		fprintf(stderr, "%s: %s\n", s, strerror(errno));
	else
		fprintf(stderr, "%s\n", strerror(errno));
}

/* There is no input: every read is end-of-file. */
int fgetc(FILE *f)
{
	return EOF;
}

int getc(FILE *f)
{
	return EOF;
}

int getchar(void)
{
	return EOF;
}

int feof(FILE *f)
{
	return f == stdin;
}

int ferror(FILE *f)
{
	return f && f->error;
}

void clearerr(FILE *f)
{
	if (f)
		f->error = false;
}
