// SPDX-License-Identifier: MIT
/*
 * The serial console: a UART port registered as a console, '\n' sent as
 * "\r\n".  Choosing the port from the devicetree is serial_dt.c.
 */
#include <kernel/serial.h>

static void uart_con_write(struct console *con, const char *s, size_t n)
{
	struct uart_port *port = con->data;

	while (n--) {
		if (*s == '\n')
			port->putc(port, '\r');
		port->putc(port, *s++);
	}
}

void uart_register_console(struct uart_port *port)
{
	port->con.name = port->name;
	port->con.write = uart_con_write;
	port->con.data = port;
	port->con.flags = 0;
	register_console(&port->con);
}
