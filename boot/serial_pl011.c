// SPDX-License-Identifier: GPL-2.0
/* ARM PL011 UART ("arm,pl011"): polled transmit and receive, set up by the firmware. */
#include <linux/kernel.h>
#include <linux/serial.h>

#define UART01x_DR	0x00
#define UART01x_FR	0x18
#define UART01x_FR_TXFF	(1 << 5)
#define UART01x_FR_RXFE	(1 << 4)

/* Bounded wait: a UART that never drains must not hang the kernel silently. */
#define PL011_SPIN	1000000

static void pl011_putc(struct uart_port *port, char c)
{
	int spin = PL011_SPIN;

	while (readl((char *)port->membase + UART01x_FR) & UART01x_FR_TXFF) {
		if (READ_ONCE(port->dead) || !--spin) {
			port->dead = true;
			return;
		}
	}
	writel((unsigned char)c, (char *)port->membase + UART01x_DR);
}

static int pl011_getc(struct uart_port *port)
{
	if (readl((char *)port->membase + UART01x_FR) & UART01x_FR_RXFE)
		return -1;
	return readl((char *)port->membase + UART01x_DR) & 0xff;
}

/* Linux's pl011_early_console_setup: the firmware (or QEMU) set the UART up. */
int pl011_early_console_setup(struct earlycon_device *device, const char *options)
{
	struct uart_port *port = &device->port;

	if (!port->membase)
		return -ENODEV;
	port->name = "pl011";
	port->putc = pl011_putc;
	port->getc = pl011_getc;
	return 0;
}

void pl011_init_port(struct uart_port *port, phys_addr_t base, void __iomem *membase)
{
	struct earlycon_device dev = { .port = *port };

	dev.port.mapbase = base;
	dev.port.membase = membase;
	dev.port.iotype = UPIO_MEM;
	pl011_early_console_setup(&dev, NULL);
	*port = dev.port;
}
