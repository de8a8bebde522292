// SPDX-License-Identifier: GPL-2.0
/*
 * Choosing the console: /chosen/stdout-path (through aliases and bus ranges), or
 * earlycon=pl011,ADDR / earlycon=uart8250,mmio32,ADDR / earlycon=bcm2835aux,ADDR on the
 * command line; with no usable DTB, the arch's guess (earlycon_fallback).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/console.h>
#include <linux/serial.h>
#include <linux/of_fdt.h>
#include <linux/of_address.h>
#include <linux/init.h>

static struct uart_port con_port, con2_port;
static char con_desc[96];

/* The port being written, so that a fault inside a UART access can be pinned on it. */
static struct uart_port *console_port_busy;

static void uart_console_write(struct console *con, const char *s, unsigned int n)
{
	struct uart_port *port = (struct uart_port *)con->data;

	WRITE_ONCE(console_port_busy, port);
	barrier();
	while (n-- && !port->dead) {
		if (*s == '\n')
			port->putc(port, '\r');
		port->putc(port, *s++);
	}
	barrier();
	WRITE_ONCE(console_port_busy, NULL);
}

/*
 * Called by the exception handler: if the fault hit while a console UART was being
 * accessed (a UART the DT names but the machine lacks), stop using that UART, so that the
 * report can still go out on the others. Returns true if it was a console's fault.
 */
bool console_fault_in_uart(void)
{
	struct uart_port *port = console_port_busy;

	if (!port)
		return false;
	/* Further accesses in the same write fault too: keep recognising them until it ends. */
	port->dead = true;
	return true;
}

static struct console uart_console = {
	.name = "uart",
	.write = uart_console_write,
	.flags = CON_BOOT,
};

/* A second UART named by earlycon= besides the DT's stdout-path (a Pi's PL011 and mini-UART). */
static struct console uart2_console = {
	.name = "uart1",
	.write = uart_console_write,
	.flags = CON_BOOT | CON_PRINTBUFFER,
};

static void console_start_second(const char *driver, phys_addr_t base)
{
	void __iomem *membase = earlycon_map(1, base);

	if (uart2_console.data)
		return;
	if (!strcmp(driver, "bcm2835aux"))
		bcm2835aux_init_port(&con2_port, base, membase);
	else
		pl011_init_port(&con2_port, base, membase);
	uart2_console.data = (unsigned long)&con2_port;
	register_console(&uart2_console);
	pr_info("Console: also %s at MMIO %#llx\n", con2_port.name, base);
}

static void console_start(const char *driver, phys_addr_t base, const char *how)
{
	void __iomem *membase;

	/* A second UART (earlycon= and stdout-path differ): print on both. */
	if (con_port.mapbase && con_port.mapbase != base) {
		console_start_second(driver, base);
		return;
	}
	membase = earlycon_map(0, base);
	if (!strcmp(driver, "bcm2835aux"))
		bcm2835aux_init_port(&con_port, base, membase);
	else
		pl011_init_port(&con_port, base, membase);
	snprintf(con_desc, sizeof(con_desc), "%s at MMIO %#llx (%s)", con_port.name,
		 base, how);
	if (!uart_console.data) {
		uart_console.data = (unsigned long)&con_port;
		register_console(&uart_console);
	}
}

const char *console_describe(void)
{
	return con_desc[0] ? con_desc : "none";
}

static const char *driver_for(int node)
{
	const void *fdt = initial_boot_params;

	if (!fdt_node_check_compatible(fdt, node, "arm,pl011"))
		return "pl011";
	if (!fdt_node_check_compatible(fdt, node, "brcm,bcm2835-aux-uart"))
		return "bcm2835aux";
	return NULL;
}

int console_setup_from_dt(void)
{
	int node = of_stdout_node();
	const char *drv;
	u64 addr, size;
	char path[128];

	if (node < 0)
		return node;	/* of_stdout_node() said why */
	if (of_fdt_get_path(initial_boot_params, node, path, sizeof(path)))
		snprintf(path, sizeof(path), "?");
	drv = driver_for(node);
	if (!drv) {
		pr_warn("console: stdout-path %s is not a PL011 or BCM2835 mini-UART\n", path);
		return -ENODEV;
	}
	if (of_node_reg_translated(node, &addr, &size)) {
		pr_warn("console: stdout-path %s: its reg does not translate through the parents' ranges\n",
			path);
		return -EINVAL;
	}
	console_start(drv, addr, path);
	return 0;
}

/* earlycon=<name>,[mmio|mmio32,]<addr>[,options], Linux's syntax. */
int console_setup_earlycon(const char *spec)
{
	char name[16];
	const char *p = strchr(spec, ',');
	unsigned long long addr;
	size_t n;

	if (!p)
		return -EINVAL;
	n = min_t(size_t, (size_t)(p - spec), sizeof(name) - 1);
	memcpy(name, spec, n);
	name[n] = 0;
	p++;
	if (!strncmp(p, "mmio32,", 7))
		p += 7;
	else if (!strncmp(p, "mmio,", 5))
		p += 5;
	addr = simple_strtoull(p, NULL, 0);
	if (!addr)
		return -EINVAL;
	if (!strcmp(name, "pl011"))
		console_start("pl011", addr, "earlycon");
	else if (!strcmp(name, "uart8250") || !strcmp(name, "uart") ||
		 !strcmp(name, "bcm2835aux"))
		console_start("bcm2835aux", addr, "earlycon");
	else
		return -ENODEV;
	return 0;
}

static int __init setup_earlycon(char *val)
{
	if (!val || !*val)
		return 0;	/* bare "earlycon": stdout-path is already in use */
	if (con_port.mapbase)
		return 0;	/* setup_console() already started it, before the full parse */
	if (console_setup_earlycon(val))
		pr_warn("earlycon: cannot use \"%s\" (want pl011,ADDR or uart8250,mmio32,ADDR)\n", val);
	return 0;
}
early_param("earlycon", setup_earlycon);

/* No usable DTB: the UART the arch expects on this kind of machine. */
void console_setup_fallback(void)
{
	const char *driver, *how;
	phys_addr_t base;

	earlycon_fallback(&driver, &base, &how);
	console_start(driver, base, how);
}

int console_getc(void)
{
	return con_port.getc ? con_port.getc(&con_port) : -1;
}

void console_putc(char c)
{
	if (con_port.putc)
		con_port.putc(&con_port, c);
}

/*
 * console=ttyAMA0 / ttyS1,115200: in Linux it picks the real console driver that takes over
 * from earlycon. bootmem keeps its early consoles for the whole run, so the word is accepted
 * and only remembered for the banner.
 */
static char console_word[32];

static int __init setup_console_word(char *val)
{
	if (val)
		snprintf(console_word, sizeof(console_word), "%s", val);
	return 0;
}
early_param("console", setup_console_word);

static void console_reset(void)
{
	unregister_console(&uart_console);
	unregister_console(&uart2_console);
	uart_console.data = 0;
	uart2_console.data = 0;
	memset(&con_port, 0, sizeof(con_port));
	memset(&con2_port, 0, sizeof(con2_port));
	console_port_busy = NULL;
	con_desc[0] = '\0';
	console_word[0] = '\0';
}
host_reset(console_reset);
