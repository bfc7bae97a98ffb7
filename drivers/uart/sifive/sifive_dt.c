// SPDX-License-Identifier: MIT
/* sifive,uart0 devicetree glue. */
#include <kernel/serial.h>

static void sifive_dt_init(struct uart_port *port)
{
	/* The input clock comes through a clocks phandle we do not follow:
	 * keep the divisor the firmware programmed. */
	port->clock = 0;
	sifive_uart_init(port);
}

static const char *const sifive_compat[] = {"sifive,uart0", NULL};

static const struct uart_dt_driver sifive_driver = {
	.name = "sifive-uart",
	.compatible = sifive_compat,
	.init = sifive_dt_init,
};
UART_DT_DRIVER(sifive_driver);
