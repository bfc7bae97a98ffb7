// SPDX-License-Identifier: MIT
/*
 * sifive,uart0 register level: txdata at +0 (bit 31 set while the FIFO is
 * full), txctrl at +8 (bit 0 enables transmit).
 */
#include <asm/io.h>
#include <kernel/serial.h>

#define SIFIVE_TXDATA 0x00
#define SIFIVE_TXCTRL 0x08
#define SIFIVE_DIV 0x18
#define TXDATA_FULL (1u << 31)
#define TXCTRL_TXEN 1u

static void sifive_putc(struct uart_port *p, char c)
{
	void *tx = (void *)(p->base + SIFIVE_TXDATA);

	for (int i = 0; i < 1000000; i++)
		if (!(readl(tx) & TXDATA_FULL))
			break;
	writel((u8)c, tx);
}

void sifive_uart_init(struct uart_port *p)
{
	p->putc = sifive_putc;
	writel(TXCTRL_TXEN, (void *)(p->base + SIFIVE_TXCTRL));
	/* baud = clock / (div + 1) */
	if (p->clock && p->baud)
		writel(p->clock / p->baud - 1, (void *)(p->base + SIFIVE_DIV));
}
