// SPDX-License-Identifier: MIT
/*
 * DOC: console selection
 *
 * /chosen/stdout-path names the console ("serial0:115200n8" or a path);
 * if it is absent or no driver accepts that node, the first node that an
 * enabled driver matches is used (OpenSBI's scheme).  The core reads the
 * node's common properties and maps its registers for every driver
 * (uart_dt_probe()); a node it cannot use is skipped and the next one is
 * tried.  A driver gives only its compatible strings and an init hook.
 */
#include <asm/io.h>
#include <asm/mm.h>
#include <kernel/errno.h>
#include <kernel/fdt.h>
#include <kernel/printf.h>
#include <kernel/printk.h>
#include <kernel/serial.h>

extern const struct uart_dt_driver *__start_uart_drivers[];
extern const struct uart_dt_driver *__stop_uart_drivers[];

static struct uart_port console_port;

/*
 * Fill @port from @node: the registers (mapped), reg-shift, reg-io-width,
 * clock-frequency and current-speed.  -EINVAL for a layout the drivers
 * cannot drive.
 */
static int uart_dt_probe(const struct dt_blob *dt, int node,
			 struct uart_port *port)
{
	u64 addr, size;
	int err = dt_read_reg(dt, node, 0, &addr, &size);

	if (err)
		return err;
	port->base = (uintptr_t)addr;
	port->reg_shift = dt_getprop_u32(dt, node, "reg-shift", 0);
	port->reg_io_width = dt_getprop_u32(dt, node, "reg-io-width", 1);
	port->clock = dt_getprop_u32(dt, node, "clock-frequency", 0);
	port->baud = dt_getprop_u32(dt, node, "current-speed", 0);
	if (port->reg_shift > 4 ||
	    (port->reg_io_width != 1 && port->reg_io_width != 4)) {
		pr_err("uart: unsupported reg-shift %u / reg-io-width %u\n",
		       port->reg_shift, port->reg_io_width);
		return -EINVAL;
	}
	port->base = (uintptr_t)ioremap(port->base, PAGE_SIZE);
	return 0;
}

static int try_node(const struct dt_blob *dt, int node)
{
	if (!dt_node_is_available(dt, node))
		return -ENODEV;
	for (const struct uart_dt_driver **d = __start_uart_drivers;
	     d < __stop_uart_drivers; d++) {
		for (const char *const *c = (*d)->compatible; *c; c++) {
			if (!dt_node_is_compatible(dt, node, *c))
				continue;
			struct uart_port port = {0};

			if (uart_dt_probe(dt, node, &port))
				continue;
			(*d)->init(&port);
			console_port = port;
			snprintf(console_port.name, sizeof(console_port.name),
				 "%s@%lx", (*d)->name,
				 (unsigned long)console_port.base);
			uart_register_console(&console_port);
			return 0;
		}
	}
	return -ENODEV;
}

int uart_console_init_dt(const struct dt_blob *dt)
{
	int node = dt_stdout_path_node(dt);

	if (node >= 0 && !try_node(dt, node))
		return 0;
	if (node >= 0)
		pr_warn("console: no driver for the stdout-path node, trying others\n");
	for (node = dt_next_node(dt, -1, NULL); node >= 0;
	     node = dt_next_node(dt, node, NULL)) {
		if (!try_node(dt, node))
			return 0;
	}
	return -ENODEV;
}
