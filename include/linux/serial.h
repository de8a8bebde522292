/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The early UARTs bootmem drives (PL011, 8250 and the BCM2835 mini-UART), Linux's earlycon
 * interface to them (serial_core.h) and the console built on them (boot/console.c).
 */
#ifndef _BOOTMEM_LINUX_SERIAL_H
#define _BOOTMEM_LINUX_SERIAL_H

#include <linux/types.h>
#include <linux/io.h>

struct console;

/* Linux's port->iotype values (include/uapi/linux/serial.h SERIAL_IO_*). */
#define UPIO_PORT	0
#define UPIO_MEM	2
#define UPIO_MEM32	3
#define UPIO_MEM32BE	6
#define UPIO_MEM16	7

struct uart_port {
	const char *name;		/* bootmem's driver: "pl011", "8250" or "bcm2835aux" */
	phys_addr_t mapbase;
	void __iomem *membase;
	unsigned long iobase;
	unsigned char iotype;		/* UPIO_*: the access width */
	unsigned char regshift;		/* register spacing: 1 << regshift bytes */
	unsigned int uartclk;
	void (*putc)(struct uart_port *port, char c);
	int (*getc)(struct uart_port *port);	/* -1 when nothing is waiting */
	/*
	 * Set by a driver whose transmitter never became ready (a UART that is not there or
	 * not clocked): the console stops writing to it instead of spinning on every character.
	 */
	bool dead;
};

/* Linux's struct earlycon_device and struct earlycon_id (include/linux/serial_core.h). */
struct earlycon_device {
	struct console *con;
	struct uart_port port;
	char options[16];		/* e.g. "115200n8" */
	unsigned int baud;
};

struct earlycon_id {
	const char *name;		/* earlycon=<name>,... */
	const char *compatible;		/* "" : only by name */
	int (*setup)(struct earlycon_device *device, const char *options);
};

/*
 * The entries of Linux's __earlycon_table that bootmem has a driver for, in Linux's link
 * order (8250, the mini-UART, PL011).
 */
extern const struct earlycon_id earlycon_table[];
extern const struct earlycon_id *const earlycon_table_end;

/* The drivers' earlycon setup functions, as Linux names them. */
int early_serial8250_setup(struct earlycon_device *device, const char *options);
int early_bcm2835aux_setup(struct earlycon_device *device, const char *options);
int pl011_early_console_setup(struct earlycon_device *device, const char *options);

/* bootmem's own uses of the same drivers (its console when Linux's rules give none). */
void pl011_init_port(struct uart_port *port, phys_addr_t base, void __iomem *membase);
void bcm2835aux_init_port(struct uart_port *port, phys_addr_t base, void __iomem *membase);

/*
 * Linux's earlycon (boot/console.c): "earlycon=" / "console=" with a value start one in
 * parse_early_param; a bare "earlycon" sets earlycon_acpi_spcr_enable, and the DT's
 * stdout-path is then used after paging_init (early_init_dt_scan_chosen_stdout).
 */
extern bool earlycon_acpi_spcr_enable;
int setup_earlycon(char *buf);
int of_setup_earlycon(const struct earlycon_id *match, unsigned long node, const char *options);
/* Is Linux's early console (early_con) registered? */
bool earlycon_enabled(void);

/*
 * bootmem's part (boot/console.c). bootmem has no serial driver that takes over later, as
 * Linux's does after the log we compare: console_setup_bootmem() gives it a console when
 * Linux's rules started none (the stdout-path UART, else the arch's guess), or adds the
 * stdout-path UART beside Linux's early console; it says what it did with "bootmem: ".
 * console_setup_fallback(): no usable DTB, the arch's guess. console_emergency(): a panic
 * with no console yet.
 */
void console_setup_bootmem(void);
void console_setup_fallback(void);
void console_emergency(void);
/* Read one character from the console UART (-1 when none); used by the monitor. */
int console_getc(void);
void console_putc(char c);
/* The UARTs bootmem prints on, in words (tests, the monitor). */
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
