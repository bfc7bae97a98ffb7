// SPDX-License-Identifier: MIT
/* ns16550 devicetree glue. */
#include <kernel/serial.h>

static const char *const ns16550_compat[] = {
	"ns16550a", "ns16550", "snps,dw-apb-uart", "ns8250", NULL,
};

static const struct uart_dt_driver ns16550_driver = {
	.name = "ns16550",
	.compatible = ns16550_compat,
	.init = ns16550_init,
};
UART_DT_DRIVER(ns16550_driver);
