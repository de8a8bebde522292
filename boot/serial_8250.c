// SPDX-License-Identifier: GPL-2.0
/*
 * 8250/16550-compatible UARTs, polled, as the firmware set them up: Linux's earlycon
 * "uart8250", "uart", "ns16550(a)", and the BCM2835 auxiliary mini-UART (a Raspberry Pi's
 * default console, "brcm,bcm2835-aux-uart"), which is one with 32-bit registers.
 */
#include <linux/kernel.h>
#include <linux/serial.h>

#define UART_RX		0	/* receive buffer (read) */
#define UART_TX		0	/* transmit holding (write) */
#define UART_LSR	5	/* line status */
#define UART_LSR_DR	(1 << 0)	/* data ready */
#define UART_LSR_THRE	(1 << 5)	/* transmit holding register empty */
#define SERIAL8250_SPIN	1000000

static unsigned int serial8250_early_in(struct uart_port *port, int offset)
{
	void __iomem *reg = (char *)port->membase + (offset << port->regshift);

	switch (port->iotype) {
	case UPIO_MEM16:
		return readw(reg);
	case UPIO_MEM32:
		return readl(reg);
	case UPIO_MEM32BE:
		return __builtin_bswap32(readl(reg));
	default:
		return readb(reg);
	}
}

static void serial8250_early_out(struct uart_port *port, int offset, unsigned int value)
{
	void __iomem *reg = (char *)port->membase + (offset << port->regshift);

	switch (port->iotype) {
	case UPIO_MEM16:
		writew(value, reg);
		break;
	case UPIO_MEM32:
		writel(value, reg);
		break;
	case UPIO_MEM32BE:
		writel(__builtin_bswap32(value), reg);
		break;
	default:
		writeb(value, reg);
		break;
	}
}

/* Bounded wait: a UART that never drains must not hang the kernel silently. */
static void serial8250_putc(struct uart_port *port, char c)
{
	int spin = SERIAL8250_SPIN;

	while (!(serial8250_early_in(port, UART_LSR) & UART_LSR_THRE)) {
		if (READ_ONCE(port->dead) || !--spin) {
			port->dead = true;
			return;
		}
	}
	serial8250_early_out(port, UART_TX, (unsigned char)c);
}

static int serial8250_getc(struct uart_port *port)
{
	if (!(serial8250_early_in(port, UART_LSR) & UART_LSR_DR))
		return -1;
	return serial8250_early_in(port, UART_RX) & 0xff;
}

static int serial8250_setup_port(struct uart_port *port, const char *name)
{
	if (!port->membase)
		return -ENODEV;	/* Linux also drives I/O ports; arm64 boards have none here */
	port->name = name;
	port->putc = serial8250_putc;
	port->getc = serial8250_getc;
	return 0;
}

/* Linux's early_serial8250_setup: the device is in use already, nothing is programmed. */
int early_serial8250_setup(struct earlycon_device *device, const char *options)
{
	return serial8250_setup_port(&device->port, "8250");
}

/* Linux's early_bcm2835aux_setup: 32-bit registers, 4 bytes apart. */
int early_bcm2835aux_setup(struct earlycon_device *device, const char *options)
{
	if (!device->port.membase)
		return -ENODEV;
	device->port.iotype = UPIO_MEM32;
	device->port.regshift = 2;
	return serial8250_setup_port(&device->port, "bcm2835aux");
}

/* The DT's reg points at AUX_MU_IO; the firmware (enable_uart=1) set the UART up. */
void bcm2835aux_init_port(struct uart_port *port, phys_addr_t base, void __iomem *membase)
{
	struct earlycon_device dev = { .port = *port };

	dev.port.mapbase = base;
	dev.port.membase = membase;
	early_bcm2835aux_setup(&dev, NULL);
	*port = dev.port;
}
