/* SPDX-License-Identifier: GPL-2.0 */
/* The early UARTs bootmem drives (PL011, BCM2835 mini-UART) and the console built on them. */
#ifndef _BOOTMEM_LINUX_SERIAL_H
#define _BOOTMEM_LINUX_SERIAL_H

#include <linux/types.h>
#include <linux/io.h>

struct uart_port {
	const char *name;		/* "pl011" or "bcm2835aux" */
	phys_addr_t mapbase;
	void __iomem *membase;
	void (*putc)(struct uart_port *port, char c);
	int (*getc)(struct uart_port *port);	/* -1 when nothing is waiting */
	/*
	 * Set by a driver whose transmitter never became ready (a UART that is not there or
	 * not clocked): the console stops writing to it instead of spinning on every character.
	 */
	bool dead;
};

void pl011_init_port(struct uart_port *port, phys_addr_t base, void __iomem *membase);
void bcm2835aux_init_port(struct uart_port *port, phys_addr_t base, void __iomem *membase);

/* Console selection (boot/console.c). */
int console_setup_from_dt(void);
int console_setup_earlycon(const char *spec);
void console_setup_fallback(void);
/* Read one character from the console UART (-1 when none); used by the monitor. */
int console_getc(void);
void console_putc(char c);
const char *console_describe(void);
bool console_fault_in_uart(void);

/*
 * Provided by the arch (the kernel's arch/arm64/kernel/early.c, the host build's harness):
 * the registers of console UART @n (0 or 1), mapped for an early console (a fixmap slot);
 * and, with no usable DTB to name one, the UART this kind of machine has.
 */
void __iomem *earlycon_map(int n, phys_addr_t phys);
void earlycon_fallback(const char **driver, phys_addr_t *base, const char **how);

#endif
