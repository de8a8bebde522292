// SPDX-License-Identifier: GPL-2.0
/*
 * The early console through the whole boot (host_boot): Linux 6.1's rules for "earlycon"
 * with and without a value, "console=", and a stdout-path bootmem has no driver for; what
 * bootmem does instead, and that it says so only with "bootmem: ".
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <linux/kernel.h>
#include <linux/serial.h>
#include <libfdt.h>
#include "harness.h"
#include "host_boot.h"

#define OUT	"build/host/fixtures"

/* A QEMU-virt-like tree: 256 MiB at 1 GiB, @extra nodes, /chosen with @chosen inside. */
static const char dts_head[] =
	"/dts-v1/;\n"
	"/ {\n"
	"	#address-cells = <2>; #size-cells = <2>;\n"
	"	compatible = \"linux,dummy-virt\"; model = \"console test\";\n"
	"	memory@40000000 { device_type = \"memory\"; reg = <0 0x40000000 0 0x10000000>; };\n"
	"	psci { compatible = \"arm,psci-1.0\"; method = \"hvc\"; };\n";

static const char pl011[] =
	"	pl011@9000000 { compatible = \"arm,pl011\", \"arm,primecell\";\n"
	"		reg = <0 0x9000000 0 0x1000>; };\n";

/* The Xperia trees' /chosen: stdout-path names an alias that does not exist. */
static const char framebuffer[] =
	"		#address-cells = <2>; #size-cells = <2>; ranges;\n"
	"		framebuffer@9d400000 { compatible = \"simple-framebuffer\";\n"
	"			reg = <0 0x9d400000 0 0x8e6200>; };\n";

static char *dtb;
static size_t dtb_len;

static void build(const char *extra, const char *stdout_path, const char *chosen)
{
	char path[256], cmd[600];
	FILE *f;

	assert_int_equal(system("mkdir -p " OUT), 0);
	snprintf(path, sizeof(path), OUT "/console.dts");
	f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "%s%s\tchosen {\n", dts_head, extra);
	if (stdout_path)
		fprintf(f, "\t\tstdout-path = \"%s\";\n", stdout_path);
	fprintf(f, "%s\t};\n};\n", chosen);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "dtc -q -I dts -O dtb -p 4096 -o " OUT "/console.dtb %s", path);
	assert_int_equal(system(cmd), 0);
	free(dtb);
	dtb = harness_read_file(OUT "/console.dtb", &dtb_len);
	assert_non_null(dtb);
}

/* Boots the tree with @bootargs in /chosen; the log is in console_capture(). */
static void boot(const char *bootargs)
{
	struct host_boot_params p = {
		.kernel_at = HOST_BOOT_DEFAULT, .kernel_size = LINUX_IMAGE_SIZE,
		.dtb_at = HOST_BOOT_DEFAULT,
	};
	size_t len = dtb_len + strlen(bootargs) + 256;
	char *blob = aligned_alloc(8, (len + 7) & ~7UL);

	assert_non_null(blob);
	assert_int_equal(fdt_open_into(dtb, blob, len), 0);
	assert_int_equal(fdt_setprop_string(blob, fdt_path_offset(blob, "/chosen"), "bootargs",
					    bootargs), 0);
	fdt_pack(blob);
	p.fdt = blob;
	p.fdt_len = fdt_totalsize(blob);
	assert_int_equal(host_boot(&p), HOST_BOOT_OK);
	free(blob);
}

static const char *find(const char *s)
{
	const char *p = strstr(console_text(), s);

	if (!p)
		print_message("missing: %s\nlog:\n%s\n", s, console_text());
	return p;
}

static void expect(const char *s)
{
	assert_non_null(find(s));
}

static void expect_none(const char *s)
{
	if (strstr(console_text(), s))
		print_message("unexpected: %s\nlog:\n%s\n", s, console_text());
	assert_null(strstr(console_text(), s));
}

static int count(const char *s)
{
	const char *p = console_text();
	int n = 0;

	while ((p = strstr(p, s))) {
		n++;
		p++;
	}
	return n;
}

/* @a is printed before @b */
static void expect_order(const char *a, const char *b)
{
	const char *pa = find(a), *pb = find(b);

	assert_non_null(pa);
	assert_non_null(pb);
	if (pa > pb)
		print_message("\"%s\" after \"%s\"\n", a, b);
	assert_true(pa < pb);
}

/*
 * Every line the boot printed without "bootmem: " is one Linux prints in this situation:
 * only these console lines may appear, the rest is the memory bring-up.
 */
static void expect_no_foreign_console_lines(void)
{
	static const char *const linux_prefixes[] = { "earlycon:", "OF: fdt: earlycon",
						      "printk: bootconsole", "Console:", "console:" };
	const char *line = console_text();
	size_t i;

	while (*line) {
		const char *end = strchr(line, '\n');

		for (i = 0; i < ARRAY_SIZE(linux_prefixes); i++)
			if (!strncmp(line, linux_prefixes[i], strlen(linux_prefixes[i])) &&
			    strncmp(line, "earlycon: pl11 at", 17) &&
			    strncmp(line, "earlycon: uart8250 at", 21) &&
			    strncmp(line, "earlycon: bcm2835aux0 at", 24) &&
			    strncmp(line, "OF: fdt: earlycon: stdout-path", 30) &&
			    strncmp(line, "printk: bootconsole [", 21))
				fail_msg("not a Linux line: %.*s", (int)(end ? end - line : 80), line);
		if (!end)
			break;
		line = end + 1;
	}
}

/* The reported case: earlycon=pl011,ADDR and stdout-path = "framebuffer0" (no such alias). */
static void test_earlycon_value_ignores_stdout_path(void **state)
{
	build("", "framebuffer0", framebuffer);
	boot("earlycon=pl011,0x9000000 console=ttyAMA0");
	expect("earlycon: pl11 at MMIO 0x0000000009000000 (options '')\n"
	       "printk: bootconsole [pl11] enabled\n");
	expect_order("Machine model: console test", "earlycon: pl11 at MMIO");
	/* Linux never looks at stdout-path for the early console here... */
	expect_none("OF: fdt: earlycon");
	/* ... bootmem does (its console would print there), and says so in its own words. */
	expect("bootmem: stdout-path framebuffer0 not found\n");
	expect_none("Unknown kernel command line parameters");
	assert_string_equal(console_describe(), "pl011 at MMIO 0x9000000 (earlycon pl11)");
	expect_no_foreign_console_lines();
}

/* A bare "earlycon": stdout-path, after paging_init (Debian has ACPI_SPCR_TABLE). */
static void test_bare_earlycon_stdout_path(void **state)
{
	build(pl011, "/pl011@9000000", "");
	boot("earlycon debug_invariants");
	expect("earlycon: pl11 at MMIO 0x0000000009000000 (options '')\n"
	       "printk: bootconsole [pl11] enabled\n");
	expect_order("bootmem: invariants: after map_mem", "earlycon: pl11 at MMIO");
	expect_order("earlycon: pl11 at MMIO", "NUMA: No NUMA configuration found");
	expect_none("bootmem: console:");
	assert_string_equal(console_describe(), "pl011 at MMIO 0x9000000 (earlycon pl11)");

	/* through an alias, with options: the mini-UART's driver and 32-bit registers */
	build("	aliases { serial1 = \"/soc/serial@7e215040\"; };\n"
	      "	soc { compatible = \"simple-bus\"; #address-cells = <1>; #size-cells = <1>;\n"
	      "		ranges = <0x7e000000 0 0xfe000000 0x1800000>;\n"
	      "		serial@7e215040 { compatible = \"brcm,bcm2835-aux-uart\";\n"
	      "			reg = <0x7e215040 0x40>; }; };\n", "serial1:115200n8", "");
	boot("earlycon");
	expect("earlycon: bcm2835aux0 at MMIO32 0x00000000fe215040 (options '115200n8')\n"
	       "printk: bootconsole [bcm2835aux0] enabled\n");
	expect_no_foreign_console_lines();
}

/* A bare "earlycon" and a stdout-path that names nothing: Linux says so, from fdt.c. */
static void test_bare_earlycon_not_found(void **state)
{
	build("", "framebuffer0", framebuffer);
	boot("earlycon debug_invariants");
	assert_int_equal(count("OF: fdt: earlycon: stdout-path framebuffer0 not found\n"), 1);
	expect_order("bootmem: invariants: after map_mem", "OF: fdt: earlycon: stdout-path");
	/* Linux has said it: bootmem does not repeat it, it only says what it prints on. */
	expect_none("bootmem: stdout-path framebuffer0 not found");
	expect("bootmem: console: pl011 at MMIO 0x9000000 (fallback: QEMU virt); \"earlycon\" started no early console on a UART bootmem drives\n");
	expect_none("printk: bootconsole");
	expect_none("earlycon: pl11");

	/* with earlycon=pl011 too (the variant the QEMU tests boot): both Linux lines */
	boot("earlycon=pl011,0x9000000 earlycon");
	expect("earlycon: pl11 at MMIO 0x0000000009000000 (options '')\n");
	assert_int_equal(count("OF: fdt: earlycon: stdout-path framebuffer0 not found\n"), 1);
	expect_none("bootmem: stdout-path");
	expect_none("bootmem: console:");
	expect_no_foreign_console_lines();
}

/* A stdout-path that is found but is no UART bootmem drives: Linux is silent (-ENODEV). */
static void test_stdout_path_no_driver(void **state)
{
	build("	aliases { framebuffer0 = \"/chosen/framebuffer@9d400000\"; };\n",
	      "framebuffer0", framebuffer);
	boot("earlycon");
	expect_none("OF: fdt: earlycon");
	expect_none("earlycon: ");
	expect("bootmem: stdout-path /chosen/framebuffer@9d400000 (\"simple-framebuffer\") is not a UART bootmem drives");
	expect("bootmem: console: pl011 at MMIO 0x9000000 (fallback: QEMU virt)");

	/* a serial0 alias to a UART of a kind bootmem has no driver for, no earlycon */
	build("	aliases { serial0 = \"/soc/serial@c170000\"; };\n"
	      "	soc { compatible = \"simple-bus\"; #address-cells = <1>; #size-cells = <1>; ranges;\n"
	      "		serial@c170000 { compatible = \"qcom,msm-uartdm-v1.4\", \"qcom,msm-uartdm\";\n"
	      "			reg = <0xc170000 0x1000>; }; };\n", "serial0:115200n8", "");
	boot("console=ttyMSM0");
	expect_none("earlycon:");
	expect("bootmem: stdout-path /soc/serial@c170000 (\"qcom,msm-uartdm-v1.4\") is not a UART bootmem drives");
	expect("bootmem: console: pl011 at MMIO 0x9000000 (fallback: QEMU virt); Linux has no early console without \"earlycon\"\n");
	expect_no_foreign_console_lines();

	/*
	 * The same with a bare "earlycon": Linux has an earlycon driver for this UART
	 * (msm_serial_dm) and would print its "earlycon: msm_serial_dm0 at MMIO ..." line
	 * after paging_init. bootmem cannot print on it, so it prints no Linux line it cannot
	 * honour: it says why, in its own words, and uses its fallback console.
	 */
	boot("earlycon");
	expect_none("earlycon: ");
	expect_none("printk: bootconsole");
	expect_none("OF: fdt: earlycon");
	expect("bootmem: stdout-path /soc/serial@c170000 (\"qcom,msm-uartdm-v1.4\") is not a UART bootmem drives");
	expect("bootmem: console: pl011 at MMIO 0x9000000 (fallback: QEMU virt); \"earlycon\" started no early console on a UART bootmem drives\n");
	expect_no_foreign_console_lines();
}

/* No earlycon: Linux prints nothing early; bootmem uses the stdout-path UART and says so. */
static void test_no_earlycon(void **state)
{
	build(pl011, "/pl011@9000000", "");
	boot("console=ttyAMA0");
	expect_none("earlycon:");
	expect_none("printk: bootconsole");
	expect("bootmem: console: pl011 at MMIO 0x9000000 (stdout-path /pl011@9000000); Linux has no early console without \"earlycon\"\n");
	assert_string_equal(console_describe(), "pl011 at MMIO 0x9000000 (stdout-path /pl011@9000000)");
	/* console= is claimed (Linux's __setup), never "unknown" */
	expect_none("Unknown kernel command line parameters");

	/* stdout-path to nothing, no earlycon: only bootmem speaks */
	build("", "framebuffer0", framebuffer);
	boot("");
	expect_none("OF: fdt: earlycon");
	expect("bootmem: stdout-path framebuffer0 not found\n");
	expect("bootmem: console: pl011 at MMIO 0x9000000 (fallback: QEMU virt)");
	expect_no_foreign_console_lines();
}

/* console= feeds earlycon too (do_early_param): a console= naming an earlycon starts it. */
static void test_console_param_starts_earlycon(void **state)
{
	build(pl011, "/pl011@9000000", "");
	boot("console=uart8250,mmio32,0x9000000");
	expect("earlycon: uart8250 at MMIO32 0x0000000009000000 (options '')\n"
	       "printk: bootconsole [uart8250] enabled\n");
	assert_string_equal(console_describe(), "8250 at MMIO 0x9000000 (earlycon uart8250)");

	/* the first one wins; options and the baud rate are kept */
	boot("earlycon=pl011,0x9000000,115200 console=uart8250,mmio32,0x9000000");
	expect("earlycon: pl11 at MMIO 0x0000000009000000 (options '115200')\n");
	expect_none("uart8250 at");
	assert_int_equal(count("printk: bootconsole"), 1);
	expect_no_foreign_console_lines();
}

/* earlycon= values Linux rejects or does not know. */
static void test_earlycon_bad_values(void **state)
{
	build(pl011, "/pl011@9000000", "");
	/* no address: the driver refuses, Linux prints the attempt and "Malformed" */
	boot("earlycon=pl011");
	expect("earlycon: pl11 at I/O port 0x0 (options '')\n"
	       "Malformed early option 'earlycon'\n");
	expect_none("printk: bootconsole");
	expect("bootmem: console: pl011 at MMIO 0x9000000 (stdout-path /pl011@9000000); earlycon= names no UART bootmem drives");

	/* a name Linux may know but bootmem has no driver for: Linux would be silent too */
	boot("earlycon=msm_serial_dm,0xc170000");
	expect_none("earlycon: ");
	expect_none("Malformed");
	expect("bootmem: console: pl011 at MMIO 0x9000000 (stdout-path /pl011@9000000); earlycon= names no UART bootmem drives");
	expect_no_foreign_console_lines();
}

/* earlycon from the command line with a stdout-path on another UART: both print. */
static void test_second_console(void **state)
{
	build("	aliases { serial1 = \"/soc/serial@7e215040\"; };\n"
	      "	soc { compatible = \"simple-bus\"; #address-cells = <1>; #size-cells = <1>;\n"
	      "		ranges = <0x7e000000 0 0x3f000000 0x1000000>;\n"
	      "		serial@7e215040 { compatible = \"brcm,bcm2835-aux-uart\";\n"
	      "			reg = <0x7e215040 0x40>; }; };\n", "serial1:115200n8", "");
	boot("earlycon=pl011,0x3f201000");
	expect("earlycon: pl11 at MMIO 0x000000003f201000 (options '')\n");
	expect("bootmem: console: also bcm2835aux at MMIO 0x3f215040 (stdout-path /soc/serial@7e215040), where Linux's serial console comes up later\n");
	assert_string_equal(console_describe(),
			    "pl011 at MMIO 0x3f201000 (earlycon pl11), bcm2835aux at MMIO 0x3f215040 (stdout-path /soc/serial@7e215040)");
	expect_no_foreign_console_lines();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_earlycon_value_ignores_stdout_path),
		cmocka_unit_test(test_bare_earlycon_stdout_path),
		cmocka_unit_test(test_bare_earlycon_not_found),
		cmocka_unit_test(test_stdout_path_no_driver),
		cmocka_unit_test(test_no_earlycon),
		cmocka_unit_test(test_console_param_starts_earlycon),
		cmocka_unit_test(test_earlycon_bad_values),
		cmocka_unit_test(test_second_console),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
