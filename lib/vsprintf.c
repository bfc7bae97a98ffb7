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

/* @n bytes of @s: what put() would store one at a time, in one copy. */
static void put_mem(struct outbuf *o, const char *s, size_t n)
{
	if (o->len + 1 < o->size) {
		size_t room = o->size - 1 - o->len;

		memcpy(o->buf + o->len, s, n < room ? n : room);
	}
	o->len += n;
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
	char *dig = tmp + sizeof(tmp); /* the digits: [dig, tmp + 24) */
	int n = 0, zeros, len, pad;
	const char *prefix = "";

	/* Digits, built from the least significant one down.  Precision 0
	 * with value 0 prints no digits at all (C11 7.21.6.1). */
	if (!(v == 0 && s->prec == 0)) {
		do {
			*--dig = digits[v % (unsigned)s->base];
			v /= (unsigned)s->base;
		} while (v);
		n = (int)(tmp + sizeof(tmp) - dig);
	}
	if (neg)
		prefix = "-";
	else if (s->flags & F_SIGNED && s->flags & F_PLUS)
		prefix = "+";
	else if (s->flags & F_SIGNED && s->flags & F_SPACE)
		prefix = " ";
	else if (s->flags & F_ALT && s->base == 16 && n &&
		 !(n == 1 && dig[0] == '0'))
		prefix = (s->flags & F_UPPER) ? "0X" : "0x";

	zeros = s->prec > n ? s->prec - n : 0;
	/* "#o" forces a leading zero, unless precision already gives one. */
	if (s->flags & F_ALT && s->base == 8 && zeros == 0 &&
	    (n == 0 || dig[0] != '0'))
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
	put_mem(o, dig, (size_t)n);
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
	put_mem(o, str, (size_t)len);
	if (s->flags & F_LEFT)
		put_pad(o, ' ', s->width - len);
}

enum length { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_LONG, LEN_LLONG, LEN_SIZE };

/* A width or precision: digits, or '*' taking an int argument. */
static const char *parse_num(const char *fmt, int *n, va_list *args)
{
	if (*fmt == '*') {
		*n = va_arg(*args, int);
		return fmt + 1;
	}
	for (*n = 0; *fmt >= '0' && *fmt <= '9'; fmt++)
		*n = *n * 10 + (*fmt - '0');
	return fmt;
}

/* The F_ flag of a flag character "-+ #0", 0 for any other. */
static int flag_bit(char c)
{
	switch (c) {
	case '-':
		return F_LEFT;
	case '+':
		return F_PLUS;
	case ' ':
		return F_SPACE;
	case '#':
		return F_ALT;
	case '0':
		return F_ZERO;
	default:
		return 0;
	}
}

/*
 * Parse flags, width, precision and length of the conversion after a '%'
 * into @s and @len; returns where the conversion character is.
 */
static const char *parse_spec(const char *fmt, struct spec *s, enum length *len,
			      va_list *args)
{
	for (;; fmt++) {
		int bit = flag_bit(*fmt);

		if (!bit)
			break;
		s->flags |= bit;
	}
	fmt = parse_num(fmt, &s->width, args);
	if (s->width < 0) {
		s->flags |= F_LEFT;
		s->width = -s->width;
	}
	if (*fmt == '.') {
		fmt = parse_num(fmt + 1, &s->prec, args);
		if (s->prec < 0)
			s->prec = -1;
	}
	*len = LEN_INT;
	if (*fmt == 'h') {
		*len = fmt[1] == 'h' ? LEN_CHAR : LEN_SHORT;
		fmt += fmt[1] == 'h' ? 2 : 1;
	} else if (*fmt == 'l') {
		*len = fmt[1] == 'l' ? LEN_LLONG : LEN_LONG;
		fmt += fmt[1] == 'l' ? 2 : 1;
	} else if (*fmt == 'z' || *fmt == 't') {
		*len = LEN_SIZE;
		fmt++;
	} else if (*fmt == 'j') {
		*len = LEN_LLONG;
		fmt++;
	}
	return fmt;
}

/* The next argument of an unsigned conversion, narrowed to its length. */
static unsigned long long arg_unsigned(va_list *args, enum length len)
{
	unsigned long long v;

	if (len == LEN_LLONG)
		v = va_arg(*args, unsigned long long);
	else if (len == LEN_LONG || len == LEN_SIZE)
		v = va_arg(*args, unsigned long);
	else
		v = va_arg(*args, unsigned int);
	if (len == LEN_CHAR)
		v = (unsigned char)v;
	else if (len == LEN_SHORT)
		v = (unsigned short)v;
	return v;
}

/* The next argument of a signed conversion, narrowed to its length. */
static long long arg_signed(va_list *args, enum length len)
{
	long long sv;

	if (len == LEN_LLONG)
		sv = va_arg(*args, long long);
	else if (len == LEN_LONG || len == LEN_SIZE)
		sv = va_arg(*args, long);
	else
		sv = va_arg(*args, int);
	if (len == LEN_CHAR)
		sv = (signed char)sv;
	else if (len == LEN_SHORT)
		sv = (short)sv;
	return sv;
}

static void put_char(struct outbuf *o, char c, const struct spec *s)
{
	if (!(s->flags & F_LEFT))
		put_pad(o, ' ', s->width - 1);
	put(o, c);
	if (s->flags & F_LEFT)
		put_pad(o, ' ', s->width - 1);
}

/*
 * Print one conversion @c with spec @s; returns false for a lone '%' at
 * the end of the format (then nothing more is printed).
 */
static bool put_conversion(struct outbuf *o, char c, struct spec *s,
			   enum length len, va_list *args)
{
	long long sv;
	void *p;

	switch (c) {
	case 'd':
	case 'i':
		sv = arg_signed(args, len);
		s->flags |= F_SIGNED;
		put_number(o,
			   sv < 0 ? 0ULL - (unsigned long long)sv
				  : (unsigned long long)sv,
			   sv < 0, s);
		break;
	case 'X':
		s->flags |= F_UPPER;
		/* fall through */
	case 'x':
	case 'o':
	case 'u':
		s->base = c == 'o' ? 8 : c == 'u' ? 10 : 16;
		put_number(o, arg_unsigned(args, len), false, s);
		break;
	case 'p':
		p = va_arg(*args, void *);
		if (!p) {
			put_string(o, "(nil)", s);
			break;
		}
		s->base = 16;
		s->flags |= F_ALT;
		put_number(o, (uintptr_t)p, false, s);
		break;
	case 'c':
		put_char(o, (char)va_arg(*args, int), s);
		break;
	case 's':
		put_string(o, va_arg(*args, const char *), s);
		break;
	case '%':
		put(o, '%');
		break;
	case '\0':
		return false;
	default:
		/* Floating point is not supported: print the conversion
		 * verbatim, like any unknown one.  LP64 soft-float passes a
		 * double as a 64-bit integer: consume it. */
#if defined(__riscv) && defined(__riscv_float_abi_soft)
		if (strchr("fFeEgGaA", c))
			(void)va_arg(*args, unsigned long long);
#endif
		put(o, '%');
		put(o, c);
		break;
	}
	return true;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct outbuf o = {buf, size, 0};
	va_list args;

	va_copy(args, ap);
	while (*fmt) {
		struct spec s = {0, -1, -1, 10};
		enum length len;

		if (*fmt != '%') {
			/* a run of plain characters, copied at once */
			const char *run = fmt;

			while (*fmt && *fmt != '%')
				fmt++;
			put_mem(&o, run, (size_t)(fmt - run));
			continue;
		}
		fmt = parse_spec(fmt + 1, &s, &len, &args);
		if (!put_conversion(&o, *fmt, &s, len, &args))
			break;
		fmt++;
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	va_end(args);
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	return va_call(fmt, vsnprintf(buf, size, fmt, ap));
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
	return va_call(fmt, vscnprintf(buf, size, fmt, ap));
}
