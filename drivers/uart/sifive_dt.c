// SPDX-License-Identifier: MIT
/* sifive,uart0 devicetree glue. */
#include <asm/io.h>
#include <asm/mm.h>
#include <kernel/serial.h>

static int sifive_probe(const struct dt_blob *dt, int node,
			struct uart_port *port)
{
	int err = uart_dt_read_common(dt, node, port);

	if (err)
		return err;
	port->base = (uintptr_t)ioremap(port->base, PAGE_SIZE);
	/* The input clock comes through a clocks phandle we do not follow:
	 * keep the divisor the firmware programmed. */
	port->clock = 0;
	sifive_uart_init(port);
	return 0;
}

static const char *const sifive_compat[] = {"sifive,uart0", NULL};

static const struct uart_dt_driver sifive_driver = {
	.name = "sifive-uart",
	.compatible = sifive_compat,
	.probe = sifive_probe,
};
UART_DT_DRIVER(sifive_driver);
