// SPDX-License-Identifier: MIT
/*
 * DOC: vsnprintf
 *
 * The kernel's one formatter, used by printk and by the application-facing
 * printf family.  It implements the C conversions used in practice:
 * %d %i %u %o %x %X %c %s %p %%, with the flags "-+ #0", field width and
 * precision (also as '*'), and the length modifiers hh h l ll z t j.  Output
 * is truncated to the buffer size and the return value is the length the
 * full output would have had, as C99 says.  A host test
 * (tests/host/test_printf.c) compares it with the host C library's snprintf.
 *
 * Not supported: %n (never useful in a kernel, often an exploit), and
 * floating point (%f %F %e %E %g %G %a %A): the kernel keeps no FPU state,
 * riscv builds soft-float lp64 and x86 builds with -mgeneral-regs-only.
 * Such a conversion is printed as written; on riscv, where a double
 * argument travels in an integer register, it is consumed so that the
 * arguments after it still line up.
 */
#include <kernel/compiler.h>
#include <kernel/printf.h>
#include <kernel/string.h>

struct outbuf {
	char *buf;
	size_t size;
	size_t len;
};

static void put(struct outbuf *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_pad(struct outbuf *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

#define F_LEFT 0x01
#define F_PLUS 0x02
#define F_SPACE 0x04
#define F_ALT 0x08
#define F_ZERO 0x10
#define F_UPPER 0x20
#define F_SIGNED 0x40

struct spec {
	int flags;
	int width; /* -1: none */
	int prec;  /* -1: none */
	int base;
};

static void put_number(struct outbuf *o, unsigned long long v, bool neg,
		       const struct spec *s)
{
	const char *digits =
		(s->flags & F_UPPER) ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, zeros, len, pad;
	const char *prefix = "";

	/* Digits, least significant first.  Precision 0 with value 0 prints
	 * no digits at all (C11 7.21.6.1). */
	if (!(v == 0 && s->prec == 0)) {
		do {
			tmp[n++] = digits[v % (unsigned)s->base];
			v /= (unsigned)s->base;
		} while (v);
	}
	if (neg)
		prefix = "-";
	else if (s->flags & F_SIGNED && s->flags & F_PLUS)
		prefix = "+";
	else if (s->flags & F_SIGNED && s->flags & F_SPACE)
		prefix = " ";
	else if (s->flags & F_ALT && s->base == 16 && n &&
		 !(n == 1 && tmp[0] == '0'))
		prefix = (s->flags & F_UPPER) ? "0X" : "0x";

	zeros = s->prec > n ? s->prec - n : 0;
	/* "#o" forces a leading zero, unless precision already gives one. */
	if (s->flags & F_ALT && s->base == 8 && zeros == 0 &&
	    (n == 0 || tmp[n - 1] != '0'))
		zeros = 1;
	len = (int)strlen(prefix) + zeros + n;
	pad = s->width > len ? s->width - len : 0;

	if (!(s->flags & F_LEFT) && !(s->flags & F_ZERO && s->prec < 0)) {
		put_pad(o, ' ', pad);
		pad = 0;
	}
	while (*prefix)
		put(o, *prefix++);
	if (!(s->flags & F_LEFT)) {
		put_pad(o, '0', pad);
		pad = 0;
	}
	put_pad(o, '0', zeros);
	while (n)
		put(o, tmp[--n]);
	put_pad(o, ' ', pad);
}

static void put_string(struct outbuf *o, const char *str, const struct spec *s)
{
	int len;

	/* glibc prints "(null)" only when the precision leaves room for it. */
	if (!str)
		str = s->prec < 0 || s->prec >= 6 ? "(null)" : "";
	len = (int)(s->prec >= 0 ? strnlen(str, (size_t)s->prec) : strlen(str));
	if (!(s->flags & F_LEFT))
		put_pad(o, ' ', s->width - len);
	for (int i = 0; i < len; i++)
		put(o, str[i]);
	if (s->flags & F_LEFT)
		put_pad(o, ' ', s->width - len);
}

enum length { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_LONG, LEN_LLONG, LEN_SIZE };

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct outbuf o = {buf, size, 0};
	va_list args;

	va_copy(args, ap);
	while (*fmt) {
		struct spec s = {0, -1, -1, 10};
		enum length len = LEN_INT;
		unsigned long long v;
		bool neg = false;

		if (*fmt != '%') {
			put(&o, *fmt++);
			continue;
		}
		fmt++;
		for (;; fmt++) {
			if (*fmt == '-')
				s.flags |= F_LEFT;
			else if (*fmt == '+')
				s.flags |= F_PLUS;
			else if (*fmt == ' ')
				s.flags |= F_SPACE;
			else if (*fmt == '#')
				s.flags |= F_ALT;
			else if (*fmt == '0')
				s.flags |= F_ZERO;
			else
				break;
		}
		if (*fmt == '*') {
			s.width = va_arg(args, int);
			if (s.width < 0) {
				s.flags |= F_LEFT;
				s.width = -s.width;
			}
			fmt++;
		} else {
			for (s.width = 0; *fmt >= '0' && *fmt <= '9'; fmt++)
				s.width = s.width * 10 + (*fmt - '0');
		}
		if (*fmt == '.') {
			fmt++;
			if (*fmt == '*') {
				s.prec = va_arg(args, int);
				if (s.prec < 0)
					s.prec = -1;
				fmt++;
			} else {
				for (s.prec = 0; *fmt >= '0' && *fmt <= '9';
				     fmt++)
					s.prec = s.prec * 10 + (*fmt - '0');
			}
		}
		switch (*fmt) {
		case 'h':
			len = LEN_SHORT;
			if (*++fmt == 'h') {
				len = LEN_CHAR;
				fmt++;
			}
			break;
		case 'l':
			len = LEN_LONG;
			if (*++fmt == 'l') {
				len = LEN_LLONG;
				fmt++;
			}
			break;
		case 'z':
		case 't':
			len = LEN_SIZE;
			fmt++;
			break;
		case 'j':
			len = LEN_LLONG;
			fmt++;
			break;
		}

		switch (*fmt) {
		case 'd':
		case 'i': {
			long long sv;

			if (len == LEN_LLONG)
				sv = va_arg(args, long long);
			else if (len == LEN_LONG || len == LEN_SIZE)
				sv = va_arg(args, long);
			else
				sv = va_arg(args, int);
			if (len == LEN_CHAR)
				sv = (signed char)sv;
			else if (len == LEN_SHORT)
				sv = (short)sv;
			neg = sv < 0;
			v = neg ? 0ULL - (unsigned long long)sv
				: (unsigned long long)sv;
			s.flags |= F_SIGNED;
			put_number(&o, v, neg, &s);
			break;
		}
		case 'X':
			s.flags |= F_UPPER;
			/* fall through */
		case 'x':
		case 'o':
		case 'u':
			s.base = *fmt == 'o' ? 8 : *fmt == 'u' ? 10 : 16;
			if (len == LEN_LLONG)
				v = va_arg(args, unsigned long long);
			else if (len == LEN_LONG || len == LEN_SIZE)
				v = va_arg(args, unsigned long);
			else
				v = va_arg(args, unsigned int);
			if (len == LEN_CHAR)
				v = (unsigned char)v;
			else if (len == LEN_SHORT)
				v = (unsigned short)v;
			put_number(&o, v, false, &s);
			break;
		case 'p': {
			void *p = va_arg(args, void *);

			if (!p) {
				put_string(&o, "(nil)", &s);
				break;
			}
			s.base = 16;
			s.flags |= F_ALT;
			put_number(&o, (uintptr_t)p, false, &s);
			break;
		}
		case 'c': {
			char c = (char)va_arg(args, int);

			if (!(s.flags & F_LEFT))
				put_pad(&o, ' ', s.width - 1);
			put(&o, c);
			if (s.flags & F_LEFT)
				put_pad(&o, ' ', s.width - 1);
			break;
		}
		case 's':
			put_string(&o, va_arg(args, const char *), &s);
			break;
		case '%':
			put(&o, '%');
			break;
		case 'f':
		case 'F':
		case 'e':
		case 'E':
		case 'g':
		case 'G':
		case 'a':
		case 'A':
#if defined(__riscv) && defined(__riscv_float_abi_soft)
			/* LP64 soft-float passes a double as a 64-bit integer.
			 */
			(void)va_arg(args, unsigned long long);
#endif
			put(&o, '%');
			put(&o, *fmt);
			break;
		case '\0':
			/* A lone '%' at the end: print nothing more. */
			fmt--;
			break;
		default:
			/* Unknown conversion: print it verbatim, consume
			 * nothing. */
			put(&o, '%');
			put(&o, *fmt);
			break;
		}
		fmt++;
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	va_end(args);
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int vscnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	int n = vsnprintf(buf, size, fmt, ap);

	if (size == 0)
		return 0;
	return n < (int)size ? n : (int)size - 1;
}

int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vscnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
