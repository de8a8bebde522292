// SPDX-License-Identifier: GPL-2.0
/*
 * The early console: Linux 6.1's earlycon (drivers/tty/serial/earlycon.c) for the UARTs
 * bootmem drives, started by "earlycon="/"console=" or, for a bare "earlycon", from the DT's
 * stdout-path; and bootmem's own console when those rules start none.
 */
#define pr_fmt(fmt) "earlycon: " fmt

#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/console.h>
#include <linux/serial.h>
#include <linux/of_fdt.h>
#include <linux/of_address.h>
#include <linux/init.h>

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

/* ------------------------------------------------------------------ Linux's earlycon */

/* Linux's table entries for the drivers bootmem has, in Debian's link order. */
const struct earlycon_id earlycon_table[] = {
	{ "uart8250", "", early_serial8250_setup },
	{ "uart", "", early_serial8250_setup },
	{ "ns16550", "ns16550", early_serial8250_setup },
	{ "ns16550a", "ns16550a", early_serial8250_setup },
	{ "uart", "nvidia,tegra20-uart", early_serial8250_setup },
	{ "uart", "snps,dw-apb-uart", early_serial8250_setup },
	{ "bcm2835aux", "brcm,bcm2835-aux-uart", early_bcm2835aux_setup },
	{ "pl011", "arm,pl011", pl011_early_console_setup },
	{ "pl011", "arm,sbsa-uart", pl011_early_console_setup },
};
const struct earlycon_id *const earlycon_table_end = earlycon_table + ARRAY_SIZE(earlycon_table);

/* Linux's early_con: named after the driver by earlycon_init() ("pl011" is "pl" number 11). */
static char early_con_name[24];
static unsigned int early_con_index;
static bool early_con_enabled;
static bool early_con_of;	/* started on the DT's stdout-path node */
static struct console early_con = {
	.name = early_con_name,
	.write = uart_console_write,
	.flags = CON_PRINTBUFFER | CON_BOOT,
};
static struct earlycon_device early_console_dev = { .con = &early_con };

/* A bare "earlycon" (Debian has CONFIG_ACPI_SPCR_TABLE): the DT's stdout-path, later. */
bool earlycon_acpi_spcr_enable;

/* Linux's BASE_BAUD on arm64: a 1.8432 MHz clock. */
#define BASE_BAUD	(1843200 / 16)

bool earlycon_enabled(void)
{
	return early_con_enabled;
}

static void earlycon_init(struct earlycon_device *device, const char *name)
{
	const char *s;
	size_t len;

	/* scan backwards from end of string for first non-numeral */
	for (s = name + strlen(name); s > name && s[-1] >= '0' && s[-1] <= '9'; s--)
		;
	if (*s)
		early_con_index = simple_strtoul(s, NULL, 10);
	len = min_t(size_t, s - name, 15);
	snprintf(early_con_name, sizeof(early_con_name), "%.*s%u", (int)len, name,
		 early_con_index);
}

static void earlycon_print_info(struct earlycon_device *device)
{
	struct uart_port *port = &device->port;

	if (port->iotype == UPIO_MEM || port->iotype == UPIO_MEM16 ||
	    port->iotype == UPIO_MEM32 || port->iotype == UPIO_MEM32BE)
		pr_info("%s at MMIO%s %pa (options '%s')\n", early_con_name,
			(port->iotype == UPIO_MEM) ? "" :
			(port->iotype == UPIO_MEM16) ? "16" :
			(port->iotype == UPIO_MEM32) ? "32" : "32be",
			&port->mapbase, device->options);
	else
		pr_info("%s at I/O port 0x%lx (options '%s')\n", early_con_name, port->iobase,
			device->options);
}

/* Linux's uart_parse_earlycon: [mmio|mmio16|mmio32|mmio32be|mmio32native|io,]ADDR[,options] */
static int uart_parse_earlycon(char *p, unsigned char *iotype, phys_addr_t *addr,
			       char **options)
{
	if (!strncmp(p, "mmio,", 5)) {
		*iotype = UPIO_MEM;
		p += 5;
	} else if (!strncmp(p, "mmio16,", 7)) {
		*iotype = UPIO_MEM16;
		p += 7;
	} else if (!strncmp(p, "mmio32,", 7)) {
		*iotype = UPIO_MEM32;
		p += 7;
	} else if (!strncmp(p, "mmio32be,", 9)) {
		*iotype = UPIO_MEM32BE;
		p += 9;
	} else if (!strncmp(p, "mmio32native,", 13)) {
		*iotype = UPIO_MEM32;
		p += 13;
	} else if (!strncmp(p, "io,", 3)) {
		*iotype = UPIO_PORT;
		p += 3;
	} else if (!strncmp(p, "0x", 2)) {
		*iotype = UPIO_MEM;
	} else {
		return -EINVAL;
	}
	*addr = simple_strtoull(p, NULL, 0);
	p = strchr(p, ',');
	if (p)
		p++;
	*options = p;
	return 0;
}

/* Linux copies the options up to the first space, at most 15 characters. */
static void earlycon_set_options(struct earlycon_device *device, const char *options)
{
	size_t n = 0;

	device->baud = simple_strtoul(options, NULL, 0);
	while (options[n] && options[n] != ' ')
		n++;
	snprintf(device->options, sizeof(device->options), "%.*s", (int)n, options);
}

static int parse_options(struct earlycon_device *device, char *options)
{
	struct uart_port *port = &device->port;
	phys_addr_t addr;

	if (uart_parse_earlycon(options, &port->iotype, &addr, &options))
		return -EINVAL;

	switch (port->iotype) {
	case UPIO_MEM:
		port->mapbase = addr;
		break;
	case UPIO_MEM16:
		port->regshift = 1;
		port->mapbase = addr;
		break;
	case UPIO_MEM32:
	case UPIO_MEM32BE:
		port->regshift = 2;
		port->mapbase = addr;
		break;
	case UPIO_PORT:
		port->iobase = addr;
		break;
	default:
		return -EINVAL;
	}
	if (options)
		earlycon_set_options(device, options);
	return 0;
}

static void earlycon_register(void)
{
	early_con.data = (unsigned long)&early_console_dev.port;
	register_console(&early_con);
	early_con_enabled = true;
}

static int register_earlycon(char *buf, const struct earlycon_id *match)
{
	struct uart_port *port = &early_console_dev.port;
	int err;

	/* On parsing error, pass the options buf to the setup function */
	if (buf && !parse_options(&early_console_dev, buf))
		buf = NULL;

	port->uartclk = BASE_BAUD * 16;
	if (port->mapbase)
		port->membase = earlycon_map(0, port->mapbase);

	earlycon_init(&early_console_dev, match->name);
	err = match->setup(&early_console_dev, buf);
	earlycon_print_info(&early_console_dev);
	if (err < 0)
		return err;
	if (!port->putc)
		return -ENODEV;

	earlycon_register();
	return 0;
}

/*
 * Linux's setup_earlycon: <name>,io|mmio|mmio32|mmio32be,<addr>,<options>, <name>,0x<addr>,
 * <name>,<options> or <name>. 0 if an attempt was made, else -errno.
 */
int setup_earlycon(char *buf)
{
	const struct earlycon_id *match;
	bool empty_compatible = true;

	if (!buf || !buf[0])
		return -EINVAL;

	if (early_con_enabled)
		return -EALREADY;

again:
	for (match = earlycon_table; match < earlycon_table_end; match++) {
		size_t len = strlen(match->name);

		if (strncmp(buf, match->name, len))
			continue;

		/* prefer entries with empty compatible */
		if (empty_compatible && *match->compatible)
			continue;

		if (buf[len]) {
			if (buf[len] != ',')
				continue;
			buf += len + 1;
		} else {
			buf = NULL;
		}
		return register_earlycon(buf, match);
	}

	if (empty_compatible) {
		empty_compatible = false;
		goto again;
	}
	return -ENOENT;
}

/* "earlycon" and, through do_early_param, every "console" word. */
static int __init param_setup_earlycon(char *buf)
{
	int err;

	/* Just 'earlycon' is a valid param for devicetree and ACPI SPCR. */
	if (!buf || !buf[0]) {
		earlycon_acpi_spcr_enable = true;
		return 0;
	}

	err = setup_earlycon(buf);
	if (err == -ENOENT || err == -EALREADY)
		return 0;
	return err;
}
early_param("earlycon", param_setup_earlycon);

/* A u32 property of @node, if it has one (Linux reads 4 bytes whatever its length). */
static bool dt_u32(unsigned long node, const char *name, u32 *val)
{
	int len;
	const fdt32_t *p = of_get_flat_dt_prop(node, name, &len);

	if (!p || len < 4)
		return false;
	*val = be32_to_cpup(p);
	return true;
}

/*
 * What of_setup_earlycon reads from the node: reg-offset, reg-shift, reg-io-width,
 * current-speed, clock-frequency. -EINVAL for a reg-io-width it cannot use.
 */
static int earlycon_dt_port(struct earlycon_device *device, unsigned long node, u64 addr,
			    int slot)
{
	struct uart_port *port = &device->port;
	bool big_endian;
	u32 val;

	port->iotype = UPIO_MEM;
	port->mapbase = addr;
	if (dt_u32(node, "reg-offset", &val))
		port->mapbase += val;
	port->membase = earlycon_map(slot, port->mapbase);

	if (dt_u32(node, "reg-shift", &val))
		port->regshift = val;
	big_endian = of_get_flat_dt_prop(node, "big-endian", NULL) != NULL;
	if (dt_u32(node, "reg-io-width", &val)) {
		switch (val) {
		case 1:
			port->iotype = UPIO_MEM;
			break;
		case 2:
			port->iotype = UPIO_MEM16;
			break;
		case 4:
			port->iotype = big_endian ? UPIO_MEM32BE : UPIO_MEM32;
			break;
		default:
			return -EINVAL;
		}
	}
	if (dt_u32(node, "current-speed", &val))
		device->baud = val;
	if (dt_u32(node, "clock-frequency", &val))
		port->uartclk = val;
	return 0;
}

/* Linux's of_setup_earlycon: the early console on a DT node (stdout-path). */
int of_setup_earlycon(const struct earlycon_id *match, unsigned long node, const char *options)
{
	struct uart_port *port = &early_console_dev.port;
	u64 addr;
	int err;

	if (early_con_enabled)
		return -EALREADY;

	port->iotype = UPIO_MEM;
	addr = of_flat_dt_translate_address(node);
	if (addr == OF_BAD_ADDR) {
		pr_warn("[%s] bad address\n", match->name);
		return -ENXIO;
	}
	if (earlycon_dt_port(&early_console_dev, node, addr, 0)) {
		pr_warn("[%s] unsupported reg-io-width\n", match->name);
		return -EINVAL;
	}
	if (options) {
		early_console_dev.baud = simple_strtoul(options, NULL, 0);
		snprintf(early_console_dev.options, sizeof(early_console_dev.options), "%s",
			 options);
	}
	earlycon_init(&early_console_dev, match->name);
	err = match->setup(&early_console_dev, options);
	earlycon_print_info(&early_console_dev);
	if (err < 0)
		return err;
	if (!port->putc)
		return -ENODEV;

	earlycon_register();
	early_con_of = true;
	return 0;
}

/* ------------------------------------------------------------------ bootmem's console */

/*
 * Linux prints nothing before its first console driver starts, or prints on its early
 * console and then moves to the serial driver of the stdout-path UART. bootmem has no later
 * driver: this console is the stdout-path UART (or the arch's guess) when Linux's rules
 * started no early console, or the stdout-path UART beside Linux's early console.
 */
static struct earlycon_device bm_dev;
static bool bm_enabled;
static struct console bm_console = {
	.name = "bootmem",
	.write = uart_console_write,
	.flags = CON_BOOT | CON_PRINTBUFFER | CON_QUIET,
};
static char con_desc[160];

static void bm_console_start(const char *how)
{
	size_t n = strlen(con_desc);

	bm_console.data = (unsigned long)&bm_dev.port;
	register_console(&bm_console);
	bm_enabled = true;
	snprintf(con_desc + n, sizeof(con_desc) - n, "%s%s at MMIO %#llx (%s)", n ? ", " : "",
		 bm_dev.port.name, bm_dev.port.mapbase, how);
}

/*
 * The stdout-path node as a UART bootmem drives: its node, driver and address (as the
 * serial driver that Linux starts later translates it). Otherwise says why not (unless
 * Linux has just said it) and returns NULL.
 */
static const struct earlycon_id *stdout_uart(int *nodep, char *path, size_t len, u64 *addr,
					     bool linux_said_not_found)
{
	const void *fdt = initial_boot_params;
	const struct earlycon_id *match;
	const char *compat;
	u64 size;
	int node, l;

	path[0] = '\0';
	if (!fdt)
		return NULL;
	node = of_stdout_node();
	if (node == -ENODEV) {
		const char *p = of_stdout_path(&l);

		snprintf(path, len, "%.*s", l, p);
		if (!linux_said_not_found)
			bm_warn("stdout-path %s not found\n", path);
		return NULL;
	}
	if (node < 0)
		return NULL;	/* none, or of_stdout_node() said why */
	if (of_fdt_get_path(fdt, node, path, len))
		snprintf(path, len, "%s", fdt_get_name(fdt, node, NULL) ?: "?");
	for (match = earlycon_table; match < earlycon_table_end; match++)
		if (*match->compatible && !fdt_node_check_compatible(fdt, node, match->compatible))
			break;
	if (match == earlycon_table_end) {
		compat = fdt_getprop(fdt, node, "compatible", &l);
		if (!compat || l <= 0 || strnlen(compat, l) == (size_t)l)
			compat = "";
		bm_warn("stdout-path %s (\"%s\") is not a UART bootmem drives (PL011, 8250, BCM2835 mini-UART)\n",
			path, compat);
		return NULL;
	}
	if (of_node_reg_translated(node, addr, &size)) {
		bm_warn("stdout-path %s: its reg does not translate through the parents' ranges\n",
			path);
		return NULL;
	}
	*nodep = node;
	return match;
}

/* bootmem's console on the stdout-path UART @node, in fixmap slot @slot. */
static bool bm_console_stdout_path(int slot, int node, const char *path,
				   const struct earlycon_id *match, u64 addr)
{
	memset(&bm_dev, 0, sizeof(bm_dev));
	bm_dev.con = &bm_console;
	bm_dev.port.uartclk = BASE_BAUD * 16;
	if (earlycon_dt_port(&bm_dev, node, addr, slot)) {
		bm_warn("stdout-path %s: unsupported reg-io-width\n", path);
		return false;
	}
	return !match->setup(&bm_dev, NULL);
}

/* bootmem's console on the arch's guess for this kind of machine. */
static void bm_console_fallback(const char **how)
{
	const char *driver;
	phys_addr_t base;

	earlycon_fallback(&driver, &base, how);
	memset(&bm_dev, 0, sizeof(bm_dev));
	bm_dev.con = &bm_console;
	bm_dev.port.mapbase = base;
	bm_dev.port.membase = earlycon_map(0, base);
	if (!strcmp(driver, "bcm2835aux"))
		early_bcm2835aux_setup(&bm_dev, NULL);
	else
		pl011_early_console_setup(&bm_dev, NULL);
}

void console_setup_bootmem(void)
{
	const struct earlycon_id *match;
	const char *how, *why;
	char path[128], desc[160];
	u64 addr = 0;
	int node = -1;

	if (bm_enabled)
		return;
	/* Linux has said "stdout-path ... not found" if it looked (a bare "earlycon"). */
	match = stdout_uart(&node, path, sizeof(path), &addr, earlycon_acpi_spcr_enable);

	if (early_con_enabled) {
		/* The same UART (its page) as the early console: nothing to add. */
		if (!match || early_con_of ||
		    (addr >> PAGE_SHIFT) == (early_console_dev.port.mapbase >> PAGE_SHIFT))
			return;
		/* Linux's serial driver for the stdout-path UART takes over there later. */
		if (!bm_console_stdout_path(1, node, path, match, addr))
			return;
		snprintf(desc, sizeof(desc), "stdout-path %s", path);
		bm_console_start(desc);
		bm_info("console: also %s at MMIO %#llx (%s), where Linux's serial console comes up later\n",
			bm_dev.port.name, bm_dev.port.mapbase, desc);
		return;
	}

	if (match && bm_console_stdout_path(0, node, path, match, addr)) {
		snprintf(desc, sizeof(desc), "stdout-path %s", path);
		how = desc;
	} else {
		bm_console_fallback(&how);
	}
	bm_console_start(how);
	if (earlycon_acpi_spcr_enable)
		why = "\"earlycon\" started no early console on a UART bootmem drives";
	else if (cmdline_has_word("earlycon"))
		why = "earlycon= names no UART bootmem drives (pl011, uart8250, uart, ns16550, ns16550a, bcm2835aux)";
	else
		why = "Linux has no early console without \"earlycon\"";
	bm_info("console: %s at MMIO %#llx (%s); %s\n", bm_dev.port.name, bm_dev.port.mapbase, how,
		why);
}

/* No usable DTB: the UART the arch expects on this kind of machine. */
void console_setup_fallback(void)
{
	const char *how;

	if (bm_enabled || early_con_enabled)
		return;
	bm_console_fallback(&how);
	bm_console_start(how);
}

/* A panic before any console: the log must still come out somewhere. */
void console_emergency(void)
{
	if (console_drivers)
		return;
	if (initial_boot_params)
		console_setup_bootmem();
	else
		console_setup_fallback();
}

const char *console_describe(void)
{
	static char buf[256];

	if (early_con_enabled)
		snprintf(buf, sizeof(buf), "%s at MMIO %#llx (earlycon %s)%s%s",
			 early_console_dev.port.name, early_console_dev.port.mapbase,
			 early_con_name, con_desc[0] ? ", " : "", con_desc);
	else
		snprintf(buf, sizeof(buf), "%s", con_desc[0] ? con_desc : "none");
	return buf;
}

/* The monitor's UART: Linux's early console if there is one, else bootmem's. */
static struct uart_port *console_port(void)
{
	if (early_con_enabled)
		return &early_console_dev.port;
	if (bm_enabled)
		return &bm_dev.port;
	return NULL;
}

int console_getc(void)
{
	struct uart_port *port = console_port();

	return port && port->getc ? port->getc(port) : -1;
}

void console_putc(char c)
{
	struct uart_port *port = console_port();

	if (port && port->putc)
		port->putc(port, c);
}

/*
 * console=ttyAMA0: Linux's __setup("console=") picks the console driver that takes over
 * later (and do_early_param also hands the value to earlycon, above). bootmem has no such
 * driver; the word is claimed, as in Linux, and otherwise ignored.
 */
static int __init setup_console_word(char *val)
{
	return 0;
}
early_param("console", setup_console_word);

static void console_reset(void)
{
	unregister_console(&early_con);
	unregister_console(&bm_console);
	early_con.data = 0;
	bm_console.data = 0;
	memset(&early_console_dev, 0, sizeof(early_console_dev));
	early_console_dev.con = &early_con;
	memset(&bm_dev, 0, sizeof(bm_dev));
	early_con_name[0] = '\0';
	early_con_index = 0;
	early_con_enabled = false;
	early_con_of = false;
	bm_enabled = false;
	earlycon_acpi_spcr_enable = false;
	console_port_busy = NULL;
	con_desc[0] = '\0';
}
host_reset(console_reset);
