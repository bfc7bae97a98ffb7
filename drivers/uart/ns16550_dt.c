// SPDX-License-Identifier: MIT
/* ns16550 devicetree glue. */
#include <asm/io.h>
#include <asm/mm.h>
#include <kernel/serial.h>

static int ns16550_probe(const struct dt_blob *dt, int node,
			 struct uart_port *port)
{
	int err = uart_dt_read_common(dt, node, port);

	if (err)
		return err;
	port->base = (uintptr_t)ioremap(port->base, PAGE_SIZE);
	ns16550_init(port);
	return 0;
}

static const char *const ns16550_compat[] = {
	"ns16550a", "ns16550", "snps,dw-apb-uart", "ns8250", NULL,
};

static const struct uart_dt_driver ns16550_driver = {
	.name = "ns16550",
	.compatible = ns16550_compat,
	.probe = ns16550_probe,
};
UART_DT_DRIVER(ns16550_driver);
