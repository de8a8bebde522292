// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests for the kernel's UEFI memory path (boot/efi.c, boot/efi_init.c): a synthetic
 * firmware (memory map, system table, configuration tables, the stub's /chosen properties)
 * in simulated memory, booted through the kernel's one boot sequence (host_boot) up to the
 * end of arm64_memblock_init; memblock is asserted exactly, Linux's lines word for word, and
 * bad or hostile hand-overs get a message naming the property and value and a safe boot.
 * Also early_memremap's slots.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <linux/of_fdt.h>
#include <linux/efi_init.h>
#include <linux/initrd.h>
#include <asm-generic/early_ioremap.h>
#include <asm/memory.h>
#include <libfdt.h>
#include "harness.h"
#include "host_boot.h"
#include "efi_fw.h"

#define DTB_PA		0x48000000ULL	/* QEMU's loader's choice for 1 GiB at 0x40000000 */
#define IMAGE_PA	0x40210000ULL	/* _stext of Linux's Image at 0x40200000 */
#define IMAGE_SIZE	0x2000000ULL	/* _stext.._end */
#define SCRATCH		0x7c100000ULL	/* the firmware's tables: in Runtime Data */
#define FDT_BUF		65536

#define RUN	EFI_MEMORY_RUNTIME
#define WB	EFI_MEMORY_WB
#define WC	EFI_MEMORY_WC
#define UC	EFI_MEMORY_UC

static char fdt_buf[FDT_BUF] __attribute__((aligned(8)));
static struct efi_fw fw;

/* ------------------------------------------------------------------ helpers */

static void load_fixture(const char *name)
{
	char cmd[512];
	FILE *f;
	size_t n;

	snprintf(cmd, sizeof(cmd), "mkdir -p build/host/fixtures && dtc -q -I dts -O dtb "
		 "-o build/host/fixtures/%s.dtb tests/host/fixtures/%s.dts", name, name);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "build/host/fixtures/%s.dtb", name);
	f = fopen(cmd, "rb");
	assert_non_null(f);
	n = fread(fdt_buf, 1, sizeof(fdt_buf), f);
	fclose(f);
	assert_true(n > 64);
}

/*
 * An EDK2-like firmware on QEMU virt with 1 GiB: the flash as MMIO/WC, runtime code and
 * data, a "Reserved" WB range, ACPI reclaim, soft-reserved memory and a UC MMIO page.
 */
static void edk2_like_rsv(u32 desc_size, bool memreserve)
{
	static const u64 rsv[][2] = { { 0x70000000, 0x200000 }, { 0x90000000, 0x1000 } };

	host_reset_boot_state();
	load_fixture("efi-virt");
	efi_fw_init(&fw, SCRATCH, SCRATCH + 0x100000, desc_size);
	efi_fw_add_desc(&fw, EFI_CONVENTIONAL_MEMORY, 0x40000000, 0x8000, WB);
	efi_fw_add_desc(&fw, EFI_LOADER_DATA, 0x48000000, 0x200, WB);
	efi_fw_add_desc(&fw, EFI_CONVENTIONAL_MEMORY, 0x48200000, 0x33e00, WB);
	efi_fw_add_desc(&fw, EFI_ACPI_RECLAIM_MEMORY, 0x7c000000, 0x10, WB);
	efi_fw_add_desc(&fw, EFI_RUNTIME_SERVICES_CODE, 0x7c010000, 0xf0, RUN | WB);
	efi_fw_add_desc(&fw, EFI_RUNTIME_SERVICES_DATA, 0x7c100000, 0x100, RUN | WB);
	efi_fw_add_desc(&fw, EFI_BOOT_SERVICES_DATA, 0x7c200000, 0x100, WB);
	efi_fw_add_desc(&fw, EFI_RESERVED_TYPE, 0x7c300000, 0x100, WB);
	efi_fw_add_desc(&fw, EFI_CONVENTIONAL_MEMORY, 0x7c400000, 0x3c00, WB);
	efi_fw_add_desc(&fw, EFI_CONVENTIONAL_MEMORY, 0x80000000, 0x1000, WB | EFI_MEMORY_SP);
	efi_fw_add_desc(&fw, EFI_MEMORY_MAPPED_IO, 0x04000000, 0x4000, RUN | WC);
	efi_fw_add_desc(&fw, EFI_MEMORY_MAPPED_IO, 0x09010000, 0x1, RUN | UC);
	efi_fw_add_table(&fw, SMBIOS3_TABLE_GUID, 0x7fed0000);
	efi_fw_add_memattr(&fw, 3);
	if (memreserve)
		efi_fw_add_memreserve(&fw, rsv, 2);
}

static void edk2_like(u32 desc_size)
{
	edk2_like_rsv(desc_size, true);
}

/* A firmware with just these descriptors and one configuration table (Linux needs one). */
static void small_fw(u32 desc_size)
{
	host_reset_boot_state();
	load_fixture("efi-virt");
	efi_fw_init(&fw, SCRATCH, SCRATCH + 0x100000, desc_size);
	efi_fw_add_table(&fw, SMBIOS3_TABLE_GUID, 0x7fed0000);
}

/* The boot stops after arm64_memblock_init: what efi_init and the DT's reservations made. */
static void stop_after_memblock(const char *name)
{
	if (!strcmp(name, "memblock"))
		host_boot_stop();
}

/*
 * Put @cmdline in /chosen/bootargs and boot the DT in fdt_buf (the firmware's tables already
 * in simulated memory) through the one boot sequence, to the end of arm64_memblock_init.
 * Returns HOST_BOOT_STOPPED, or HOST_BOOT_PANIC.
 */
static int efi_boot_run(const char *cmdline)
{
	struct host_boot_params p = {
		.kernel_at = HOST_BOOT_DEFAULT, .kernel_size = HOST_BOOT_DEFAULT,
		.dtb_at = DTB_PA, .phase = stop_after_memblock,
	};
	int node;

	assert_int_equal(fdt_open_into(fdt_buf, fdt_buf, sizeof(fdt_buf)), 0);
	node = fdt_path_offset(fdt_buf, "/chosen");
	if (node < 0)
		node = fdt_add_subnode(fdt_buf, 0, "chosen");
	assert_true(node >= 0);
	assert_int_equal(fdt_setprop_string(fdt_buf, node, "bootargs", cmdline), 0);
	assert_int_equal(fdt_pack(fdt_buf), 0);
	p.fdt = fdt_buf;
	p.fdt_len = fdt_totalsize(fdt_buf);
	return host_boot(&p);
}

static void efi_boot(const char *cmdline)
{
	assert_int_equal(efi_fw_finish(&fw, fdt_buf, sizeof(fdt_buf)), 0);
	assert_int_equal(efi_boot_run(cmdline), HOST_BOOT_STOPPED);
}

struct rgn {
	phys_addr_t base, size;
	unsigned int flags;
};

static void check_type(struct memblock_type *t, const struct rgn *e, int n)
{
	int i;

	if ((int)t->cnt != n)
		for (i = 0; i < (int)t->cnt; i++)
			print_message("%s[%d] %#llx+%#llx flags %#x\n", t->name, i,
				      (unsigned long long)t->regions[i].base,
				      (unsigned long long)t->regions[i].size, t->regions[i].flags);
	assert_int_equal(t->cnt, n);
	for (i = 0; i < n; i++) {
		if (t->regions[i].base != e[i].base || t->regions[i].size != e[i].size ||
		    t->regions[i].flags != e[i].flags)
			print_message("%s[%d] is %#llx+%#llx flags %#x, want %#llx+%#llx flags %#x\n",
				      t->name, i, (unsigned long long)t->regions[i].base,
				      (unsigned long long)t->regions[i].size, t->regions[i].flags,
				      (unsigned long long)e[i].base, (unsigned long long)e[i].size,
				      e[i].flags);
		assert_int_equal(t->regions[i].base, e[i].base);
		assert_int_equal(t->regions[i].size, e[i].size);
		assert_int_equal(t->regions[i].flags, e[i].flags);
	}
}

#define CHECK_TYPE(t, ...) do {						\
	const struct rgn _e[] = { __VA_ARGS__ };			\
	check_type(t, _e, ARRAY_SIZE(_e));				\
} while (0)

static void expect_console(const char *s)
{
	if (!strstr(console_text(), s))
		print_message("missing: %s\nconsole:\n%s\n", s, console_text());
	assert_non_null(strstr(console_text(), s));
}

static void expect_no_console(const char *s)
{
	if (strstr(console_text(), s))
		print_message("unexpected: %s\nconsole:\n%s\n", s, console_text());
	assert_null(strstr(console_text(), s));
}

/* The DT's own memory (the fixture's 1 GiB), with its no-map, when UEFI is not used. */
static void expect_dt_memory(void)
{
	CHECK_TYPE(&memblock.memory,
		   { 0x40000000, 0x20000000, 0 },
		   { 0x60000000, 0x1000000, MEMBLOCK_NOMAP },
		   { 0x61000000, 0x1f000000, 0 });
	assert_false(efi_enabled(EFI_MEMMAP));
	assert_int_equal(early_ioremap_slots_used(), 0);
}

/* ------------------------------------------------------------------ the normal path */

static void test_edk2_like_memblock(void **state)
{
	u32 dtb_size;

	edk2_like(48);
	efi_boot("efi=debug memblock=debug");
	dtb_size = fdt_totalsize(phys_to_virt(DTB_PA));
	assert_true(efi_enabled(EFI_BOOT));
	assert_true(efi_enabled(EFI_MEMMAP));
	assert_true(efi_enabled(EFI_MEM_ATTR));
	/* The memory map stays mapped (Linux unmaps it in arm_enable_runtime_services). */
	assert_int_equal(early_ioremap_slots_used(), 1);

	CHECK_TYPE(&memblock.memory,
		   /* the flash: MMIO but WC, so memory, and not usable: NOMAP */
		   { 0x04000000, 0x4000000, MEMBLOCK_NOMAP },
		   { 0x40000000, 0x20000000, 0 },
		   /* the DT's /reserved-memory no-map, on top of UEFI's map */
		   { 0x60000000, 0x1000000, MEMBLOCK_NOMAP },
		   /* conventional, loader data and ACPI reclaim merge */
		   { 0x61000000, 0x1b010000, 0 },
		   /* runtime code and data */
		   { 0x7c010000, 0x1f0000, MEMBLOCK_NOMAP },
		   { 0x7c200000, 0x100000, 0 },
		   /* EFI_RESERVED_TYPE with WB */
		   { 0x7c300000, 0x100000, MEMBLOCK_NOMAP },
		   { 0x7c400000, 0x3c00000, 0 });
	/* the soft-reserved range at 0x80000000 and the UC page are not memory */

	CHECK_TYPE(&memblock.reserved,
		   { IMAGE_PA, IMAGE_SIZE, 0 },
		   { DTB_PA, dtb_size, 0 },
		   { 0x61000000, 0x100000, 0 },
		   /* MEMRESERVE entries, the one outside memory too */
		   { 0x70000000, 0x200000, 0 },
		   /* ACPI reclaim */
		   { 0x7c000000, 0x10000, 0 },
		   /* MEMATTR, the MEMRESERVE head and the memory map: one page */
		   { SCRATCH, 0x1000, 0 },
		   { 0x90000000, 0x1000, 0 });
	/* /memreserve/ 0x50000000 went with the stub */
	assert_false(memblock_is_region_reserved(0x50000000, 0x100000));
	assert_int_equal(efi_check_invariants(), 0);
}

static void test_edk2_like_lines(void **state)
{
	char want[256];

	edk2_like(48);
	efi_boot("efi=debug");
	expect_console("efi: Getting UEFI parameters from /chosen in DT:\n"
		       "efi:   System Table         : 0x00000000");
	snprintf(want, sizeof(want),
		 "efi:   MemMap Address       : 0x%016llx\n"
		 "efi:   MemMap Size          : 0x%016llx\n"
		 "efi:   MemMap Desc. Size    : 0x0000000000000030\n"
		 "efi:   MemMap Desc. Version : 0x0000000000000001\n"
		 "efi:   Secure Boot Enabled  : 0x00000002\n"
		 "efi: EFI v2.70 by EDK II\n",
		 (unsigned long long)fw.memmap, (unsigned long long)fw.memmap_size);
	expect_console(want);
	snprintf(want, sizeof(want), "efi: SMBIOS 3.0=0x7fed0000 MEMATTR=0x%llx MEMRESERVE=0x%llx \n"
		 "secureboot: Secure boot disabled\n"
		 "efi: Processing EFI memory map:\n",
		 (unsigned long long)SCRATCH, (unsigned long long)SCRATCH + 16 + 3 * 48);
	expect_console(want);
	expect_console("efi:   0x000040000000-0x000047ffffff [Conventional|   |  |  |  |  |  |  |  |  |  |   |WB|  |  |  ]\n"
		       "efi:   0x000048000000-0x0000481fffff [Loader Data |   |  |  |  |  |  |  |  |  |  |   |WB|  |  |  ]\n");
	expect_console("efi:   0x00007c000000-0x00007c00ffff [ACPI Reclaim|   |  |  |  |  |  |  |  |  |  |   |WB|  |  |  ]\n"
		       "efi:   0x00007c010000-0x00007c0fffff [Runtime Code|RUN|  |  |  |  |  |  |  |  |  |   |WB|  |  |  ]\n"
		       "efi:   0x00007c100000-0x00007c1fffff [Runtime Data|RUN|  |  |  |  |  |  |  |  |  |   |WB|  |  |  ]\n"
		       "efi:   0x00007c200000-0x00007c2fffff [Boot Data   |   |  |  |  |  |  |  |  |  |  |   |WB|  |  |  ]\n"
		       "efi:   0x00007c300000-0x00007c3fffff [Reserved    |   |  |  |  |  |  |  |  |  |  |   |WB|  |  |  ]\n");
	expect_console("efi:   0x000080000000-0x000080ffffff [Conventional|   |  |  |  |SP|  |  |  |  |  |   |WB|  |  |  ]\n"
		       "efi:   0x000004000000-0x000007ffffff [MMIO        |RUN|  |  |  |  |  |  |  |  |  |   |  |  |WC|  ]\n"
		       "efi:   0x000009010000-0x000009010fff [MMIO        |RUN|  |  |  |  |  |  |  |  |  |   |  |  |  |UC]\n");
	/* no bootmem complaint about a well-formed hand-over */
	expect_no_console("bootmem: efi:");
}

/* memblock=debug: Linux's calls in Linux's order (callers aside). */
static void test_edk2_like_debug_order(void **state)
{
	static const char *const want[] = {
		"memblock_reserve: [0x000000007c100000-0x000000007c10009f]",	/* MEMATTR */
		"memblock_reserve: [0x000000007c1000a0-0x000000007c1000cf]",	/* MEMRESERVE */
		"memblock_reserve: [0x0000000070000000-0x00000000701fffff]",
		"memblock_reserve: [0x0000000090000000-0x0000000090000fff]",
		"memblock_remove: [0x0000000000000000-0xfffffffffffffffe]",
		"memblock_add: [0x0000000040000000-0x0000000047ffffff]",
		"memblock_add: [0x0000000048000000-0x00000000481fffff]",
		"memblock_add: [0x0000000048200000-0x000000007bffffff]",
		"memblock_add: [0x000000007c000000-0x000000007c00ffff]",
		"memblock_reserve: [0x000000007c000000-0x000000007c00ffff]",
		"memblock_add: [0x000000007c010000-0x000000007c0fffff]",
		"memblock_add: [0x000000007c100000-0x000000007c1fffff]",
		"memblock_add: [0x000000007c200000-0x000000007c2fffff]",
		"memblock_add: [0x000000007c300000-0x000000007c3fffff]",
		"memblock_add: [0x000000007c400000-0x000000007fffffff]",
		"memblock_add: [0x0000000004000000-0x0000000007ffffff]",
		"memblock_reserve: [0x000000007c100000-0x000000007c100fff]",	/* the map */
		/* arm64_memblock_init: the PA limit, the linear map's reach, the image */
		"memblock_remove: [0x0001000000000000-0x0000fffffffffffe]",
		"memblock_remove: [0x0000800000000000-0x00007ffffffffffe]",
		"memblock_reserve: [0x0000000040210000-0x000000004220ffff]",
		"memblock_reserve: [0x0000000061000000-0x00000000610fffff]",	/* resv@61000000 */
	};
	const char *c, *nl;
	char line[256];
	unsigned int i = 0;

	edk2_like(48);
	efi_boot("memblock=debug");
	for (c = console_text(); *c; c = nl + 1) {
		nl = strchrnul(c, '\n');
		if (strncmp(c, "memblock_", 9) || !memchr(c, ']', nl - c))
			goto next;
		snprintf(line, sizeof(line), "%.*s", (int)((char *)memchr(c, ']', nl - c) - c + 1), c);
		if (i >= ARRAY_SIZE(want))
			fail_msg("unexpected memblock call: %s", line);
		assert_string_equal(line, want[i]);
		i++;
next:
		if (!*nl)
			break;
	}
	assert_int_equal(i, ARRAY_SIZE(want));
	/* the DT memory dump that reserve_regions prints before replacing it */
	expect_console("MEMBLOCK configuration:\n memory size = 0x0000000040000000 reserved size = ");
	expect_console(" memory[0x0]\t[0x0000000040000000-0x000000007fffffff], 0x0000000040000000 bytes flags: 0x0\n");
}

/* U-Boot's 40-byte descriptors, its vendor and revision, and virtual addresses set by SVAM. */
static void test_uboot_like_virtual(void **state)
{
	efi_system_table_t *st;
	efi_memory_desc_t *md;
	int i;

	small_fw(40);
	fw.vendor = "Das U-Boot";
	fw.revision = 0x00020064;
	efi_fw_add_desc(&fw, EFI_CONVENTIONAL_MEMORY, 0x40000000, 0x3c100, WB);
	efi_fw_add_desc(&fw, EFI_RUNTIME_SERVICES_DATA, 0x7c100000, 0x100, RUN | WB);
	efi_fw_add_desc(&fw, EFI_BOOT_SERVICES_CODE, 0x7c200000, 0x3e00, WB);
	assert_int_equal(efi_fw_finish(&fw, fdt_buf, sizeof(fdt_buf)), 0);
	/* The stub's SetVirtualAddressMap: runtime data now at 0xffffffff00000000. */
	for (i = 0; i < fw.nr_desc; i++) {
		md = (void *)((char *)phys_to_virt(fw.memmap) + i * 40);
		if (md->attribute & RUN)
			md->virt_addr = 0xffffffff00000000ULL;
	}
	st = phys_to_virt(fw.systab);
	st->fw_vendor = st->fw_vendor - 0x7c100000 + 0xffffffff00000000ULL;
	st->tables = st->tables - 0x7c100000 + 0xffffffff00000000ULL;
	assert_int_equal(efi_boot_run("efi=debug"), HOST_BOOT_STOPPED);
	expect_console("efi: EFI v2.100 by Das U-Boot\n");
	expect_console("efi:   MemMap Desc. Size    : 0x0000000000000028\n");
	CHECK_TYPE(&memblock.memory,
		   { 0x40000000, 0x20000000, 0 },
		   { 0x60000000, 0x1000000, MEMBLOCK_NOMAP },
		   { 0x61000000, 0x1b100000, 0 },
		   { 0x7c100000, 0x100000, MEMBLOCK_NOMAP },
		   { 0x7c200000, 0x3e00000, 0 });
	assert_int_equal(efi_check_invariants(), 0);
}

static void test_not_uefi(void **state)
{
	host_reset_boot_state();
	load_fixture("efi-virt");
	assert_int_equal(efi_boot_run("efi=debug"), HOST_BOOT_STOPPED);
	expect_console("efi: Getting UEFI parameters from /chosen in DT:\nefi: UEFI not found.\n");
	expect_dt_memory();
	/* without the stub, /memreserve/ stays */
	assert_true(memblock_is_region_reserved(0x50000000, 0x100000));
	assert_false(efi_enabled(EFI_BOOT));

	/* without efi=debug only the verdict */
	host_reset_boot_state();
	assert_int_equal(efi_boot_run(""), HOST_BOOT_STOPPED);
	expect_no_console("Getting UEFI parameters");
	expect_console("efi: UEFI not found.\n");
}

static void test_soft_reserve_off(void **state)
{
	edk2_like(48);
	efi_boot("efi=nosoftreserve");
	assert_true(memblock_is_memory(0x80000000));
	assert_true(memblock_is_map_memory(0x80000000));
}

static void test_mirror(void **state)
{
	small_fw(48);
	efi_fw_add_desc(&fw, EFI_CONVENTIONAL_MEMORY, 0x40000000, 0x3c100, WB);
	efi_fw_add_desc(&fw, EFI_RUNTIME_SERVICES_DATA, 0x7c100000, 0x100, RUN | WB);
	efi_fw_add_desc(&fw, EFI_CONVENTIONAL_MEMORY, 0x7c200000, 0x3e00, WB | EFI_MEMORY_MORE_RELIABLE);
	efi_boot("");
	expect_console("efi: Memory: 62M/1024M mirrored memory\n");
	CHECK_TYPE(&memblock.memory,
		   { 0x40000000, 0x20000000, 0 },
		   { 0x60000000, 0x1000000, MEMBLOCK_NOMAP },
		   { 0x61000000, 0x1b100000, 0 },
		   { 0x7c100000, 0x100000, MEMBLOCK_NOMAP },
		   /* MEMBLOCK_MIRROR only with kernelcore=mirror, which bootmem does not have */
		   { 0x7c200000, 0x3e00000, 0 });
}

/* ------------------------------------------------------------------ partial or bad /chosen */

static void test_missing_property(void **state)
{
	int node;

	edk2_like(48);
	assert_int_equal(efi_fw_finish(&fw, fdt_buf, sizeof(fdt_buf)), 0);
	node = fdt_path_offset(fdt_buf, "/chosen");
	assert_int_equal(fdt_delprop(fdt_buf, node, "linux,uefi-mmap-size"), 0);
	assert_int_equal(efi_boot_run(""), HOST_BOOT_STOPPED);
	expect_console("efi: Can't find property 'linux,uefi-mmap-size' in DT!\n");
	expect_dt_memory();

	/* Linux needs the secure-boot property too */
	edk2_like(48);
	assert_int_equal(efi_fw_finish(&fw, fdt_buf, sizeof(fdt_buf)), 0);
	node = fdt_path_offset(fdt_buf, "/chosen");
	assert_int_equal(fdt_delprop(fdt_buf, node, "linux,uefi-secure-boot"), 0);
	assert_int_equal(efi_boot_run(""), HOST_BOOT_STOPPED);
	expect_console("efi: Can't find property 'linux,uefi-secure-boot' in DT!\n");
	expect_dt_memory();
}

static void test_property_length(void **state)
{
	edk2_like(48);
	assert_int_equal(efi_fw_finish(&fw, fdt_buf, sizeof(fdt_buf)), 0);
	assert_int_equal(efi_fw_set_chosen(fdt_buf, "linux,uefi-mmap-desc-size", 48, 3), 0);
	assert_int_equal(efi_boot_run(""), HOST_BOOT_STOPPED);
	expect_console("bootmem: efi: /chosen/linux,uefi-mmap-desc-size is 3 bytes long, not 4 or 8: ignoring UEFI\n");
	expect_dt_memory();
}

static void test_desc_size(void **state)
{
	edk2_like(48);
	assert_int_equal(efi_fw_finish(&fw, fdt_buf, sizeof(fdt_buf)), 0);
	assert_int_equal(efi_fw_set_chosen(fdt_buf, "linux,uefi-mmap-desc-size", 24, 4), 0);
	assert_int_equal(efi_boot_run(""), HOST_BOOT_STOPPED);
	expect_console("bootmem: efi: /chosen/linux,uefi-mmap-desc-size 24 is too small (a descriptor is 40 bytes)\n");
	expect_console("bootmem: efi: ignoring UEFI: memory comes from the DT's memory nodes\n");
	expect_dt_memory();

	edk2_like(48);
	assert_int_equal(efi_fw_finish(&fw, fdt_buf, sizeof(fdt_buf)), 0);
	assert_int_equal(efi_fw_set_chosen(fdt_buf, "linux,uefi-mmap-desc-size", 0x100000, 4), 0);
	assert_int_equal(efi_boot_run(""), HOST_BOOT_STOPPED);
	expect_console("bootmem: efi: /chosen/linux,uefi-mmap-desc-size 1048576 is absurd (a descriptor is 40 bytes)\n");
	expect_dt_memory();

	/* a size that holds no descriptor */
	edk2_like(48);
	assert_int_equal(efi_fw_finish(&fw, fdt_buf, sizeof(fdt_buf)), 0);
	assert_int_equal(efi_fw_set_chosen(fdt_buf, "linux,uefi-mmap-size", 47, 4), 0);
	assert_int_equal(efi_boot_run(""), HOST_BOOT_STOPPED);
	expect_console("bootmem: efi: /chosen/linux,uefi-mmap-size 0x2f holds no 48-byte descriptor\n");
	expect_dt_memory();
}

static void test_memmap_outside(void **state)
{
	/* wraps past 2^64 */
	edk2_like(48);
	assert_int_equal(efi_fw_finish(&fw, fdt_buf, sizeof(fdt_buf)), 0);
	assert_int_equal(efi_fw_set_chosen(fdt_buf, "linux,uefi-mmap-start", 0xffffffffffffff00ULL, 8), 0);
	assert_int_equal(efi_boot_run(""), HOST_BOOT_STOPPED);
	expect_console("bootmem: efi: the memory map at /chosen/linux,uefi-mmap-start 0xffffffffffffff00, size 0x240, wraps around the address space\n");
	expect_dt_memory();

	/* not in the DT's memory */
	edk2_like(48);
	assert_int_equal(efi_fw_finish(&fw, fdt_buf, sizeof(fdt_buf)), 0);
	assert_int_equal(efi_fw_set_chosen(fdt_buf, "linux,uefi-mmap-start", 0x100000000000ULL, 8), 0);
	assert_int_equal(efi_boot_run(""), HOST_BOOT_STOPPED);
	expect_console("bootmem: efi: the memory map at /chosen/linux,uefi-mmap-start [mem 0x0000100000000000-0x000010000000023f] lies outside the DT's memory\n");
	expect_dt_memory();
}

/* Misaligned tables: named and not read (Linux would read them unaligned). */
static void test_misaligned(void **state)
{
	edk2_like(48);
	assert_int_equal(efi_fw_finish(&fw, fdt_buf, sizeof(fdt_buf)), 0);
	assert_int_equal(efi_fw_set_chosen(fdt_buf, "linux,uefi-mmap-start", fw.memmap + 1, 8), 0);
	assert_int_equal(efi_boot_run(""), HOST_BOOT_STOPPED);
	expect_console("leaves descriptors misaligned (8 bytes needed)\n");
	expect_dt_memory();

	edk2_like(48);
	assert_int_equal(efi_fw_finish(&fw, fdt_buf, sizeof(fdt_buf)), 0);
	assert_int_equal(efi_fw_set_chosen(fdt_buf, "linux,uefi-mmap-desc-size", 44, 4), 0);
	assert_int_equal(efi_boot_run(""), HOST_BOOT_STOPPED);
	expect_console("/chosen/linux,uefi-mmap-desc-size 44 leaves descriptors misaligned");
	expect_dt_memory();

	edk2_like(48);
	assert_int_equal(efi_fw_finish(&fw, fdt_buf, sizeof(fdt_buf)), 0);
	assert_int_equal(efi_fw_set_chosen(fdt_buf, "linux,uefi-system-table", fw.systab + 4, 8), 0);
	assert_int_equal(efi_boot_run(""), HOST_BOOT_STOPPED);
	expect_console("bootmem: efi: the system table (/chosen/linux,uefi-system-table) at 0x7c100134 is not 8-byte aligned: not read\n");
	expect_console("efi: Unable to map EFI system table.\n");
	expect_dt_memory();
}

/* A map larger than an early_memremap slot: Linux's panic, with the reason said first. */
static void test_memmap_too_big(void **state)
{
	edk2_like(48);
	assert_int_equal(efi_fw_finish(&fw, fdt_buf, sizeof(fdt_buf)), 0);
	assert_int_equal(efi_fw_set_chosen(fdt_buf, "linux,uefi-mmap-size", 0x50000, 4), 0);
	assert_int_equal(efi_boot_run(""), HOST_BOOT_PANIC);
	expect_console("bootmem: efi: the memory map (/chosen/linux,uefi-mmap-size 0x50000) is larger than an early_memremap slot (260 KiB)\n");
	expect_console("efi: Could not map the memory map!\n");
	assert_non_null(strstr(panic_message(), "Unable to map EFI memory map."));
}

static void test_systab_bad(void **state)
{
	efi_system_table_t *st;

	/* outside the memory map: not read at all */
	edk2_like(48);
	assert_int_equal(efi_fw_finish(&fw, fdt_buf, sizeof(fdt_buf)), 0);
	assert_int_equal(efi_fw_set_chosen(fdt_buf, "linux,uefi-system-table", 0x3000000000ULL, 8), 0);
	assert_int_equal(efi_boot_run(""), HOST_BOOT_STOPPED);
	expect_console("bootmem: efi: the system table (/chosen/linux,uefi-system-table) at [mem 0x0000003000000000-0x0000003000000077] lies outside the EFI memory map: not read\n");
	expect_console("efi: Unable to map EFI system table.\n");
	expect_dt_memory();

	/* a bad signature */
	edk2_like(48);
	assert_int_equal(efi_fw_finish(&fw, fdt_buf, sizeof(fdt_buf)), 0);
	st = phys_to_virt(fw.systab);
	st->hdr.signature ^= 1;
	assert_int_equal(efi_boot_run(""), HOST_BOOT_STOPPED);
	expect_console("efi: System table signature incorrect!\n");
	expect_dt_memory();
	/* Linux sets EFI_BOOT before the check and keeps it */
	assert_true(efi_enabled(EFI_BOOT));

	/* an old revision is only a warning */
	edk2_like(48);
	fw.revision = 0x00010066;
	efi_boot("");
	expect_console("efi: Warning: System table version 1.102, expected 2.00 or greater!\n");
	expect_console("efi: EFI v1.102 by EDK II\n");
	assert_true(memblock_is_nomap(&memblock.memory.regions[0]));

	/* the configuration table array and the vendor string outside the map */
	edk2_like(48);
	assert_int_equal(efi_fw_finish(&fw, fdt_buf, sizeof(fdt_buf)), 0);
	st = phys_to_virt(fw.systab);
	st->tables = 0x3000000000ULL;
	st->fw_vendor = 0x3000000000ULL;
	assert_int_equal(efi_boot_run(""), HOST_BOOT_STOPPED);
	expect_console("efi: Could not map the firmware vendor!\n");
	expect_console("efi: EFI v2.70 by unknown\n");
	expect_console("efi: Unable to map EFI config table array.\n");
	expect_dt_memory();

	/* no configuration table at all: Linux maps 0 bytes, which early_memremap refuses */
	small_fw(48);
	fw.nr_tables = 0;
	efi_fw_add_desc(&fw, EFI_CONVENTIONAL_MEMORY, 0x40000000, 0x3c100, WB);
	efi_fw_add_desc(&fw, EFI_RUNTIME_SERVICES_DATA, 0x7c100000, 0x100, RUN | WB);
	efi_boot("");
	expect_console("efi: Unable to map EFI config table array.\n");
	expect_dt_memory();

	/* a hostile table count */
	edk2_like(48);
	assert_int_equal(efi_fw_finish(&fw, fdt_buf, sizeof(fdt_buf)), 0);
	st = phys_to_virt(fw.systab);
	st->nr_tables = 0x0aaaaaaaaaaaaaabULL;
	assert_int_equal(efi_boot_run(""), HOST_BOOT_STOPPED);
	expect_console("efi: Unable to map EFI config table array.\n");
	expect_dt_memory();
}

static void test_desc_version(void **state)
{
	edk2_like(48);
	fw.desc_ver = 2;
	efi_boot("");
	expect_console("\nUnexpected EFI_MEMORY_DESCRIPTOR version 2\n");
	/* Linux warns and carries on */
	assert_true(efi_enabled(EFI_BOOT));
	assert_int_equal(memblock.memory.regions[0].base, 0x04000000);
}

/* ------------------------------------------------------------------ hostile maps */

static void test_overlapping_descriptors(void **state)
{
	small_fw(48);
	efi_fw_add_desc(&fw, EFI_CONVENTIONAL_MEMORY, 0x40000000, 0x40000, WB);
	/* runtime data over conventional memory: the overlap is NOMAP, as in Linux */
	efi_fw_add_desc(&fw, EFI_RUNTIME_SERVICES_DATA, 0x7c100000, 0x100, RUN | WB);
	efi_boot("");
	expect_console("bootmem: efi: descriptor 1 [mem 0x000000007c100000-0x000000007c1fffff] overlaps descriptor 0 [mem 0x0000000040000000-0x000000007fffffff]\n");
	CHECK_TYPE(&memblock.memory,
		   { 0x40000000, 0x20000000, 0 },
		   { 0x60000000, 0x1000000, MEMBLOCK_NOMAP },
		   { 0x61000000, 0x1b100000, 0 },
		   { 0x7c100000, 0x100000, MEMBLOCK_NOMAP },
		   { 0x7c200000, 0x3e00000, 0 });
	assert_int_equal(efi_check_invariants(), 0);
}

static void test_wrapping_descriptor(void **state)
{
	small_fw(48);
	efi_fw_add_desc(&fw, EFI_CONVENTIONAL_MEMORY, 0x40000000, 0x40000, WB);
	efi_fw_add_desc(&fw, EFI_CONVENTIONAL_MEMORY, 0xfffffffffff00000ULL, 0x200, WB);
	efi_fw_add_desc(&fw, EFI_CONVENTIONAL_MEMORY, 0x100000000ULL, 0x0010000000000000ULL, WB);
	efi_fw_add_desc(&fw, EFI_CONVENTIONAL_MEMORY, 0x200000000ULL, 0, WB);
	efi_boot("");
	expect_console("bootmem: efi: descriptor 1 at 0xfffffffffff00000 with 0x200 pages runs past the end of the address space: skipped\n");
	expect_console("bootmem: efi: descriptor 2 at 0x100000000 with 0x10000000000000 pages runs past the end of the address space: skipped\n");
	/* a zero-page descriptor gets Linux's own message from early_init_dt_add_memory_arch */
	expect_console("OF: fdt: Ignoring memory block 0x200000000 - 0x200000000\n");
	CHECK_TYPE(&memblock.memory,
		   { 0x40000000, 0x20000000, 0 },
		   { 0x60000000, 0x1000000, MEMBLOCK_NOMAP },
		   { 0x61000000, 0x1f000000, 0 });
}

static void test_no_memory_descriptor(void **state)
{
	small_fw(48);
	/* only the runtime data (so the tables can be read) as UC: nothing is memory */
	efi_fw_add_desc(&fw, EFI_RUNTIME_SERVICES_DATA, 0x7c100000, 0x100, RUN | UC);
	assert_int_equal(efi_fw_finish(&fw, fdt_buf, sizeof(fdt_buf)), 0);
	/* Nothing is memory: said, and a clean panic (nothing to build a memmap from). */
	assert_int_equal(efi_boot_run(""), HOST_BOOT_PANIC);
	expect_console("bootmem: the EFI memory map describes no usable memory (no WB/WT/WC descriptor)\n");
	assert_int_equal(memblock.memory.total_size, 0);
}

static void test_memreserve_hostile(void **state)
{
	static const u64 one[][2] = { { 0x70000000, 0x1000 } };
	struct linux_efi_memreserve *rsv;
	phys_addr_t head;

	/* a chain that points back to itself */
	edk2_like_rsv(48, false);
	head = efi_fw_add_memreserve(&fw, one, 1);
	rsv = phys_to_virt(head);
	rsv->next = head;
	efi_boot("");
	expect_console("bootmem: efi: LINUX_EFI_MEMRESERVE chain longer than 1024 links (a loop?)");
	assert_true(memblock_is_region_reserved(0x70000000, 0x1000));
	assert_true(efi_enabled(EFI_BOOT));

	/* count larger than size, and a negative size */
	edk2_like_rsv(48, false);
	head = efi_fw_add_memreserve(&fw, one, 1);
	rsv = phys_to_virt(head);
	rsv->count = 5;
	efi_boot("");
	expect_console("bootmem: efi: LINUX_EFI_MEMRESERVE entry at 0x7c1000a0 has size 1, count 5: reserving min(count, size)\n");
	assert_true(memblock_is_region_reserved(0x70000000, 0x1000));
	edk2_like_rsv(48, false);
	head = efi_fw_add_memreserve(&fw, one, 1);
	rsv = phys_to_virt(head);
	rsv->size = -1;
	efi_boot("");
	expect_console("has size -1, count 1: not reserved\n");

	/* a next pointer outside the map */
	edk2_like_rsv(48, false);
	head = efi_fw_add_memreserve(&fw, one, 1);
	rsv = phys_to_virt(head);
	rsv->next = 0x3000000000ULL;
	efi_boot("");
	expect_console("bootmem: efi: a LINUX_EFI_MEMRESERVE entry at [mem 0x0000003000000000-0x000000300000000f] lies outside the EFI memory map: not read\n");
	expect_console("efi: Could not map UEFI memreserve entry!\n");
	/* efi_config_parse_tables failed: uefi_init gives up, memory from the DT */
	expect_dt_memory();
}

static void test_memattr_hostile(void **state)
{
	u32 *hdr;

	edk2_like(48);
	hdr = phys_to_virt(SCRATCH);
	hdr[0] = 3;
	efi_boot("");
	expect_console("efi: memattr: Unexpected EFI Memory Attributes table version 3\n");
	assert_false(efi_enabled(EFI_MEM_ATTR));

	/* a huge count: Linux's 32-bit product wraps to 1, so it reserves 17 bytes; said */
	edk2_like(48);
	hdr = phys_to_virt(SCRATCH);
	hdr[1] = 0xffffffff;
	hdr[2] = 0xffffffff;
	efi_boot("");
	expect_console("bootmem: efi: memattr: 4294967295 entries of 4294967295 bytes are 0xfffffffe00000011 bytes; Linux's int size reserves 0x11\n");
	assert_true(efi_enabled(EFI_MEM_ATTR));
}

/*
 * The Memory Attributes table as arm_enable_runtime_services() shows it: @n entries of
 * @type/@base/@pages/@attr each, on the EDK2-like firmware, with the runtime descriptors'
 * virtual addresses the stub installs (virt = phys); then the early initcall, on @cmdline.
 */
struct ma { u32 type; u64 base, pages, attr; };

static void memattr_boot(const struct ma *e, int n, const char *cmdline)
{
	efi_memory_desc_t *md;
	u32 *hdr;
	int i;

	edk2_like(48);
	hdr = phys_to_virt(SCRATCH);	/* the first table placed: 3 entries of 48 bytes */
	assert_true(n <= 3);
	hdr[1] = n;
	for (i = 0; i < n; i++) {
		md = phys_to_virt(SCRATCH + 16 + 48 * i);
		md->type = e[i].type;
		md->phys_addr = e[i].base;
		md->num_pages = e[i].pages;
		md->attribute = e[i].attr;
	}
	efi_boot(cmdline);
	for_each_efi_memory_desc(md)
		if (md->attribute & EFI_MEMORY_RUNTIME)
			md->virt_addr = md->phys_addr;
	console_capture_reset();
	arm_enable_runtime_services();
}

static void test_memattr_show(void **state)
{
	const struct ma good_bad[] = {
		{ EFI_RUNTIME_SERVICES_CODE, 0x7c010000, 0x10, RUN | EFI_MEMORY_XP },
		{ EFI_RUNTIME_SERVICES_CODE, 0x7c020000, 0x10, RUN | EFI_MEMORY_RO },
		{ EFI_CONVENTIONAL_MEMORY, 0x40000000, 1, 0 },
	};
	const struct ma refused[] = {
		{ EFI_RUNTIME_SERVICES_CODE, 0x7c0f0000, 0x20, RUN },	/* code into data */
		{ EFI_RUNTIME_SERVICES_DATA, 0x7c010000, 0x10, RUN },	/* data in code */
		{ EFI_RUNTIME_SERVICES_CODE, 0x50000000, 0x10, RUN },	/* not runtime memory */
	};
	efi_memory_desc_t *md;

	memattr_boot(good_bad, 3, "efi=debug");
	assert_string_equal(console_text(),
		"efi: memattr: Processing EFI Memory Attributes table:\n"
		"efi: memattr:  0x00007c010000-0x00007c01ffff [Runtime Code|RUN|  |  |  |  |  |XP|  |  |  |   |  |  |  |  ]\n"
		"efi: memattr:  0x00007c020000-0x00007c02ffff [Runtime Code|RUN|  |  |  |  |  |  |  |  |RO|   |  |  |  |  ]\n"
		"efi: memattr: Entry type should be RuntimeServiceCode/Data\n"
		"efi: memattr: ! 0x000040000000-0x000040000fff [Conventional|   |  |  |  |  |  |  |  |  |  |   |  |  |  |  ]\n");

	/* without efi=debug only what is refused, and why */
	memattr_boot(refused, 3, "");
	assert_string_equal(console_text(),
		"efi: memattr: Entry covers multiple EFI memory map regions\n"
		"efi: memattr: ! 0x00007c0f0000-0x00007c10ffff [Runtime Code|RUN|  |  |  |  |  |  |  |  |  |   |  |  |  |  ]\n"
		"efi: memattr: Entry type deviates from EFI memory map region type\n"
		"efi: memattr: ! 0x00007c010000-0x00007c01ffff [Runtime Data|RUN|  |  |  |  |  |  |  |  |  |   |  |  |  |  ]\n"
		"efi: memattr: No matching entry found in the EFI memory map\n"
		"efi: memattr: ! 0x000050000000-0x00005000ffff [Runtime Code|RUN|  |  |  |  |  |  |  |  |  |   |  |  |  |  ]\n");

	memattr_boot(good_bad, 2, "efi=debug,noruntime");
	assert_string_equal(console_text(), "EFI runtime services will be disabled.\n");

	/* a runtime region the stub gave no virtual address: Linux gives up on them all */
	memattr_boot(good_bad, 2, "efi=debug");
	for_each_efi_memory_desc(md)
		if (md->attribute & EFI_MEMORY_RUNTIME)
			md->virt_addr = U64_MAX;
	console_capture_reset();
	arm_enable_runtime_services();
	assert_string_equal(console_text(),
		"UEFI virtual mapping missing or invalid -- runtime services will not be available\n");

	/* a count whose size wrapped to 17 bytes (Linux reads on past them): said, not read */
	edk2_like(48);
	((u32 *)phys_to_virt(SCRATCH))[1] = 0xffffffff;
	((u32 *)phys_to_virt(SCRATCH))[2] = 0xffffffff;
	efi_boot("efi=debug");
	console_capture_reset();
	arm_enable_runtime_services();
	assert_string_equal(console_text(),
		"efi: memattr: Processing EFI Memory Attributes table:\n"
		"bootmem: efi: memattr: entry 0 (of 4294967295, 4294967295 bytes each) lies past the table's 0x11 bytes: not read\n");

	/* not booted through UEFI: nothing to say (Linux's "EFI services will not be available.") */
	host_reset_boot_state();
	console_capture_reset();
	arm_enable_runtime_services();
	assert_string_equal(console_text(), "");
}

/* ------------------------------------------------------------------ the initrd */

/* U-Boot's booti: /chosen/linux,initrd-start/-end, 32 or 64 bits wide. */
static void test_initrd_chosen(void **state)
{
	int node;

	host_reset_boot_state();
	load_fixture("efi-virt");
	node = fdt_path_offset(fdt_buf, "/chosen");
	assert_int_equal(fdt_open_into(fdt_buf, fdt_buf, sizeof(fdt_buf)), 0);
	node = fdt_path_offset(fdt_buf, "/chosen");
	assert_int_equal(fdt_setprop_u32(fdt_buf, node, "linux,initrd-start", 0x7be44000), 0);
	assert_int_equal(fdt_setprop_u64(fdt_buf, node, "linux,initrd-end", 0x7ddb1a00), 0);
	assert_int_equal(efi_boot_run(""), HOST_BOOT_STOPPED);
	assert_int_equal(phys_initrd_start, 0x7be44000);
	assert_int_equal(phys_initrd_size, 0x7ddb1a00 - 0x7be44000);

	/* an end before the start is ignored, as by Linux */
	host_reset_boot_state();
	node = fdt_path_offset(fdt_buf, "/chosen");
	assert_int_equal(fdt_setprop_u64(fdt_buf, node, "linux,initrd-end", 0x1000), 0);
	assert_int_equal(efi_boot_run(""), HOST_BOOT_STOPPED);
	assert_int_equal(phys_initrd_size, 0);
}

/* UEFI: the LINUX_EFI_INITRD_MEDIA table, when /chosen gave none. */
static void test_initrd_efi_table(void **state)
{
	phys_addr_t t;
	u64 *tbl;

	edk2_like(48);
	t = efi_fw_alloc(&fw, 16);
	tbl = phys_to_virt(t);
	tbl[0] = 0x70400000;
	tbl[1] = 0x123456;
	efi_fw_add_table(&fw, LINUX_EFI_INITRD_MEDIA_GUID, t);
	efi_boot("");
	expect_console(" INITRD=0x7c1000d0 \n");
	assert_int_equal(phys_initrd_start, 0x70400000);
	assert_int_equal(phys_initrd_size, 0x123456);
}

/* ------------------------------------------------------------------ formats and helpers */

static void test_typeattr_format(void **state)
{
	efi_memory_desc_t md = { .type = 20, .attribute = WB };
	char buf[64];

	assert_string_equal(efi_md_typeattr_format(buf, sizeof(buf), &md),
			    "[type=20|   |  |  |  |  |  |  |  |  |  |   |WB|  |  |  ]");
	md.type = EFI_PERSISTENT_MEMORY;
	md.attribute = WB | EFI_MEMORY_NV | EFI_MEMORY_XP | EFI_MEMORY_RO | EFI_MEMORY_HOT_PLUGGABLE;
	assert_string_equal(efi_md_typeattr_format(buf, sizeof(buf), &md),
			    "[Persistent  |   |HP|  |  |  |NV|XP|  |  |RO|   |WB|  |  |  ]");
	md.attribute = WB | (1ULL << 40);
	assert_string_equal(efi_md_typeattr_format(buf, sizeof(buf), &md),
			    "[Persistent  |attr=0x0000010000000008]");
	md.attribute = EFI_MEMORY_UCE | EFI_MEMORY_WP | EFI_MEMORY_RP | EFI_MEMORY_CPU_CRYPTO |
		       EFI_MEMORY_MORE_RELIABLE | WC | EFI_MEMORY_WT | UC;
	assert_string_equal(efi_md_typeattr_format(buf, sizeof(buf), &md),
			    "[Persistent  |   |  |MR|CC|  |  |  |RP|WP|  |UCE|  |WT|WC|UC]");
	/* a short buffer: the type only */
	assert_string_equal(efi_md_typeattr_format(buf, 8, &md), "[Persis");
}

static void test_early_memremap_slots(void **state)
{
	void *p[EARLY_IOREMAP_SLOTS];
	int i;

	host_reset_boot_state();
	for (i = 0; i < EARLY_IOREMAP_SLOTS; i++) {
		p[i] = early_memremap(0x40000000 + i * 0x1000 + 8, 16);
		assert_ptr_equal(p[i], phys_to_virt(0x40000000 + i * 0x1000 + 8));
	}
	assert_int_equal(early_ioremap_slots_used(), EARLY_IOREMAP_SLOTS);
	assert_null(early_memremap(0x50000000, 16));
	expect_console("__early_ioremap(0x0000000050000000, 00000010) not found slot\n");
	/* a size that differs from the mapping's is refused, and the slot stays */
	early_memunmap(p[0], 32);
	expect_console("size not consistent 00000010\n");
	assert_int_equal(early_ioremap_slots_used(), EARLY_IOREMAP_SLOTS);
	for (i = 0; i < EARLY_IOREMAP_SLOTS; i++)
		early_memunmap(p[i], 16);
	assert_int_equal(early_ioremap_slots_used(), 0);

	/* 65 pages fit a slot, 66 do not; zero and wrapping sizes never */
	p[0] = early_memremap(0x40000000, 65 * PAGE_SIZE);
	assert_non_null(p[0]);
	early_memunmap(p[0], 65 * PAGE_SIZE);
	assert_null(early_memremap(0x40000800, 65 * PAGE_SIZE));
	assert_null(early_memremap(0x40000000, 0));
	assert_null(early_memremap(0xfffffffffffff000ULL, 0x2000));
	/* past the simulated memory: the host's map refuses (the kernel's fixmap would map it) */
	assert_null(early_memremap(SIM_PHYS_LIMIT, 16));
	assert_int_equal(early_ioremap_slots_used(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_edk2_like_memblock),
		cmocka_unit_test(test_edk2_like_lines),
		cmocka_unit_test(test_edk2_like_debug_order),
		cmocka_unit_test(test_uboot_like_virtual),
		cmocka_unit_test(test_not_uefi),
		cmocka_unit_test(test_soft_reserve_off),
		cmocka_unit_test(test_mirror),
		cmocka_unit_test(test_missing_property),
		cmocka_unit_test(test_property_length),
		cmocka_unit_test(test_desc_size),
		cmocka_unit_test(test_memmap_outside),
		cmocka_unit_test(test_memmap_too_big),
		cmocka_unit_test(test_misaligned),
		cmocka_unit_test(test_systab_bad),
		cmocka_unit_test(test_desc_version),
		cmocka_unit_test(test_overlapping_descriptors),
		cmocka_unit_test(test_wrapping_descriptor),
		cmocka_unit_test(test_no_memory_descriptor),
		cmocka_unit_test(test_memreserve_hostile),
		cmocka_unit_test(test_memattr_hostile),
		cmocka_unit_test(test_memattr_show),
		cmocka_unit_test(test_initrd_chosen),
		cmocka_unit_test(test_initrd_efi_table),
		cmocka_unit_test(test_typeattr_format),
		cmocka_unit_test(test_early_memremap_slots),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
