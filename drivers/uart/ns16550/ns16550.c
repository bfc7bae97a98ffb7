// SPDX-License-Identifier: MIT
/*
 * ns16550 (8250 family) register level: transmit only, polled.  Works over
 * MMIO (register stride 1 << reg_shift, 1- or 4-byte accesses) or, on x86,
 * over port I/O.
 */
#include <asm/io.h>
#include <kernel/serial.h>

#define UART_THR 0 /* transmit holding (write) */
#define UART_DLL 0 /* divisor latch low (DLAB=1) */
#define UART_IER 1
#define UART_DLM 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define LSR_THRE 0x20 /* transmit holding register empty */
#define LCR_DLAB 0x80
#define LCR_8N1 0x03

static u8 reg_in(struct uart_port *p, unsigned int reg)
{
#ifdef CONFIG_SERIAL_NS16550_PIO
	if (p->pio)
		return inb((u16)(p->base + reg));
#endif
	void *a = (void *)(p->base + ((uintptr_t)reg << p->reg_shift));

	return p->reg_io_width == 4 ? (u8)readl(a) : readb(a);
}

static void reg_out(struct uart_port *p, unsigned int reg, u8 v)
{
#ifdef CONFIG_SERIAL_NS16550_PIO
	if (p->pio) {
		outb(v, (u16)(p->base + reg));
		return;
	}
#endif
	void *a = (void *)(p->base + ((uintptr_t)reg << p->reg_shift));

	if (p->reg_io_width == 4)
		writel(v, a);
	else
		writeb(v, a);
}

static void ns16550_putc(struct uart_port *p, char c)
{
	/* Bounded wait: a dead UART must not hang the kernel forever. */
	for (int i = 0; i < 1000000; i++)
		if (reg_in(p, UART_LSR) & LSR_THRE)
			break;
	reg_out(p, UART_THR, (u8)c);
}

void ns16550_init(struct uart_port *p)
{
	p->putc = ns16550_putc;
	/* Only reprogram the line when we know both clock and speed;
	 * otherwise keep what the firmware set up (it printed through it). */
	if (p->clock && p->baud) {
		unsigned int div = p->clock / (16 * p->baud);

		reg_out(p, UART_IER, 0);
		reg_out(p, UART_LCR, LCR_DLAB);
		reg_out(p, UART_DLL, (u8)div);
		reg_out(p, UART_DLM, (u8)(div >> 8));
		reg_out(p, UART_LCR, LCR_8N1);
		reg_out(p, UART_FCR, 0x07); /* enable and clear FIFOs */
		reg_out(p, UART_MCR, 0x03); /* DTR, RTS */
	}
}
