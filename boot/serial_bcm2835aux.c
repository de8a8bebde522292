// SPDX-License-Identifier: GPL-2.0
/*
 * BCM2835 auxiliary mini-UART ("brcm,bcm2835-aux-uart"), the Raspberry Pi's default
 * serial console. The DT's reg points at AUX_MU_IO; the firmware (enable_uart=1) set it up.
 */
#include <linux/kernel.h>
#include <linux/serial.h>

#define AUX_MU_IO	0x00
#define AUX_MU_LSR	0x14
#define LSR_DATA_READY	(1 << 0)
#define LSR_TX_EMPTY	(1 << 5)
#define AUX_SPIN	1000000

static void aux_putc(struct uart_port *port, char c)
{
	int spin = AUX_SPIN;

	while (!(readl((char *)port->membase + AUX_MU_LSR) & LSR_TX_EMPTY)) {
		if (READ_ONCE(port->dead) || !--spin) {
			port->dead = true;
			return;
		}
	}
	writel((unsigned char)c, (char *)port->membase + AUX_MU_IO);
}

static int aux_getc(struct uart_port *port)
{
	if (!(readl((char *)port->membase + AUX_MU_LSR) & LSR_DATA_READY))
		return -1;
	return readl((char *)port->membase + AUX_MU_IO) & 0xff;
}

void bcm2835aux_init_port(struct uart_port *port, phys_addr_t base, void __iomem *membase)
{
	port->name = "bcm2835aux";
	port->mapbase = base;
	port->membase = membase;
	port->putc = aux_putc;
	port->getc = aux_getc;
}
