/* SPDX-License-Identifier: MIT */
/*
 * stdio subset for the application: formatted output to the console.
 *
 * stdout and stderr are FILE handles that both write to the console,
 * unbuffered, without the printk timestamp.  There is no input and there
 * are no files: stdin reads EOF.
 *
 * Formatting is the kernel's vsnprintf (lib/vsprintf.c): %d %i %u %o %x
 * %X %c %s %p %% with the flags "-+ #0", width and precision (also '*'),
 * and the length modifiers hh h l ll z t j.  There is NO floating point
 * (%f %e %g %a): the kernel keeps no FPU state (riscv is built soft-float
 * lp64, x86 with -mgeneral-regs-only), so application code cannot use
 * float or double at all.  A floating conversion is printed verbatim.
 * %n is not supported either.
 */
#ifndef _LIBC_STDIO_H
#define _LIBC_STDIO_H

#include <stdarg.h>
#include <stddef.h>

#define EOF (-1)
#define BUFSIZ 512

typedef struct __kite_file FILE;
extern FILE *const stdin;
extern FILE *const stdout;
extern FILE *const stderr;
/* Standard streams are macros in C; keep `#ifdef stdout` working. */
#define stdin stdin
#define stdout stdout
#define stderr stderr

#define __kite_printf(a, b) __attribute__((__format__(__printf__, a, b)))

int printf(const char *fmt, ...) __kite_printf(1, 2);
int vprintf(const char *fmt, va_list ap) __kite_printf(1, 0);
int fprintf(FILE *f, const char *fmt, ...) __kite_printf(2, 3);
int vfprintf(FILE *f, const char *fmt, va_list ap) __kite_printf(2, 0);
int sprintf(char *buf, const char *fmt, ...) __kite_printf(2, 3);
int vsprintf(char *buf, const char *fmt, va_list ap) __kite_printf(2, 0);
int snprintf(char *buf, size_t size, const char *fmt, ...) __kite_printf(3, 4);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
	__kite_printf(3, 0);

int puts(const char *s);
int putchar(int c);
int fputs(const char *s, FILE *f);
int fputc(int c, FILE *f);
int putc(int c, FILE *f);
size_t fwrite(const void *ptr, size_t size, size_t nmemb, FILE *f);
int fflush(FILE *f);
void perror(const char *s);

int getchar(void);
int fgetc(FILE *f);
int getc(FILE *f);
int ferror(FILE *f);
int feof(FILE *f);
void clearerr(FILE *f);

#endif /* _LIBC_STDIO_H */
