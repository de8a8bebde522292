// SPDX-License-Identifier: GPL-2.0
/*
 * The EFI stub's portable half (boot/efi-stub) on a fake UEFI firmware: the console and its
 * levels, the command line from UTF-16 load options (surrogates, newlines, the 2048-byte cut),
 * efi= options, the new device tree (/memreserve/ gone, memory nodes kept, /chosen), bad trees,
 * the last map with ExitBootServices' retry, up to the jump to the kernel, and the initrd
 * (LoadFile2 on Linux's device path, initrd= files, noinitrd, failures).
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <libfdt.h>
#include "../../boot/efi-stub/efistub.h"
#include "harness.h"

/* ------------------------------------------------------------------ the fake firmware */

static efi_boot_services_t bs;
static struct efi_runtime_services rt;
static efi_simple_text_output_protocol_t con_out;
static efi_config_table_t tables[4];
static efi_system_table_t systab;

static char console[8192];		/* ConOut, UTF-16 narrowed (the tests print ASCII) */

static efi_status_t fake_output_string(efi_simple_text_output_protocol_t *this, efi_char16_t *s)
{
	size_t n = strlen(console);

	while (*s && n < sizeof(console) - 1)
		console[n++] = *s > 0x7f ? '?' : (char)*s, s++;
	console[n] = '\0';
	return EFI_SUCCESS;
}

static int pools;			/* live pool allocations */

static efi_status_t fake_allocate_pool(int type, unsigned long size, void **buf)
{
	*buf = malloc(size);
	pools++;
	return *buf ? EFI_SUCCESS : EFI_OUT_OF_RESOURCES;
}

static efi_status_t fake_free_pool(void *buf)
{
	free(buf);
	pools--;
	return EFI_SUCCESS;
}

/* Pages come from one 8 MiB arena, handed out top-down like AllocateMaxAddress. */
static u8 *arena;
static unsigned long arena_top;
#define ARENA_SIZE	(8UL << 20)

static efi_status_t fake_allocate_pages(int how, int type, unsigned long pages,
					efi_physical_addr_t *addr)
{
	unsigned long size = pages * EFI_PAGE_SIZE;

	if (how != EFI_ALLOCATE_MAX_ADDRESS)
		return EFI_OUT_OF_RESOURCES;
	/* Below the maximum asked for: the arena's top comes down to it. */
	if (*addr + 1 < arena_top)
		arena_top = (*addr + 1) & ~(EFI_PAGE_SIZE - 1);
	if (size > arena_top - (unsigned long)arena)
		return EFI_OUT_OF_RESOURCES;
	arena_top -= size;
	*addr = arena_top;
	return EFI_SUCCESS;
}

static efi_status_t fake_free_pages(efi_physical_addr_t addr, unsigned long pages)
{
	return EFI_SUCCESS;
}

static efi_status_t fake_locate_protocol(efi_guid_t *guid, void *reg, void **iface)
{
	return EFI_NOT_FOUND;		/* no RNG, no TPM */
}

/* Three descriptors of 48 bytes (the stride EDK2 uses), one of them runtime. */
#define DESC_SIZE	48
static u8 fw_map[3 * DESC_SIZE];
static unsigned long map_key;
static int get_map_calls, ebs_calls, ebs_fail_first;

static void fill_fw_map(void)
{
	static const efi_memory_desc_t d[3] = {
		{ EFI_CONVENTIONAL_MEMORY, 0, 0x40000000, 0, 0x1000, EFI_MEMORY_WB },
		{ EFI_RUNTIME_SERVICES_DATA, 0, 0x41000000, 0x1234, 0x10,
		  EFI_MEMORY_WB | EFI_MEMORY_RUNTIME },
		{ EFI_MEMORY_MAPPED_IO, 0, 0x9000000, 0, 1, EFI_MEMORY_UC },
	};
	int i;

	memset(fw_map, 0xa5, sizeof(fw_map));	/* the padding after each descriptor */
	for (i = 0; i < 3; i++)
		memcpy(fw_map + i * DESC_SIZE, &d[i], sizeof(d[i]));
}

static efi_status_t fake_get_memory_map(unsigned long *size, void *map, unsigned long *key,
					unsigned long *desc_size, u32 *desc_ver)
{
	get_map_calls++;
	*desc_size = DESC_SIZE;
	*desc_ver = 1;
	*key = ++map_key;		/* every call sees a "changed" map */
	if (*size < sizeof(fw_map)) {
		*size = sizeof(fw_map);
		return EFI_BUFFER_TOO_SMALL;
	}
	*size = sizeof(fw_map);
	memcpy(map, fw_map, sizeof(fw_map));
	return EFI_SUCCESS;
}

static efi_status_t fake_exit_boot_services(efi_handle_t handle, unsigned long key)
{
	ebs_calls++;
	if (ebs_fail_first && ebs_calls == 1)
		return EFI_INVALID_PARAMETER;		/* the map changed meanwhile */
	return key == map_key ? EFI_SUCCESS : EFI_INVALID_PARAMETER;
}

static void *installed[8];
static efi_guid_t installed_guid[8];
static int n_installed;

static efi_status_t fake_install_configuration_table(efi_guid_t *guid, void *table)
{
	installed_guid[n_installed] = *guid;
	installed[n_installed++] = table;
	return EFI_SUCCESS;
}

static efi_status_t fake_get_variable(efi_char16_t *name, efi_guid_t *guid, u32 *attr,
				      unsigned long *size, void *data)
{
	return EFI_NOT_FOUND;		/* no SecureBoot variable: disabled */
}

static int setup_firmware(void **state)
{
	memset(&bs, 0, sizeof(bs));
	bs.allocate_pool = fake_allocate_pool;
	bs.free_pool = fake_free_pool;
	bs.allocate_pages = fake_allocate_pages;
	bs.free_pages = fake_free_pages;
	bs.locate_protocol = fake_locate_protocol;
	bs.get_memory_map = fake_get_memory_map;
	bs.exit_boot_services = fake_exit_boot_services;
	bs.install_configuration_table = fake_install_configuration_table;
	rt.get_variable = fake_get_variable;
	con_out.output_string = fake_output_string;
	memset(&systab, 0, sizeof(systab));
	systab.hdr.signature = EFI_SYSTEM_TABLE_SIGNATURE;
	systab.boottime = &bs;
	systab.runtime = &rt;
	systab.con_out = &con_out;
	systab.tables = (unsigned long)tables;
	systab.nr_tables = 0;
	efi_system_table = &systab;
	efi_loglevel = CONSOLE_LOGLEVEL_DEFAULT;
	efi_nokaslr = false;
	efi_novamap = false;
	efi_linux_version = KERNEL_VERSION(6, 1, 0);
	console[0] = '\0';
	if (!arena)
		arena = aligned_alloc(1 << 21, ARENA_SIZE);
	arena_top = (unsigned long)arena + ARENA_SIZE;
	fill_fw_map();
	map_key = get_map_calls = ebs_calls = ebs_fail_first = n_installed = 0;
	pools = 0;
	return 0;
}

/* ------------------------------------------------------------------ console */

static void test_printk_levels(void **state)
{
	efi_info("Booting Linux Kernel...\n");
	efi_debug("not at the default level\n");
	assert_string_equal(console, "EFI stub: Booting Linux Kernel...\r\n");

	console[0] = '\0';
	efi_loglevel = CONSOLE_LOGLEVEL_QUIET;
	efi_info("hidden\n");
	efi_err("Failed to relocate kernel\n");
	efi_printk("no level: always\n");
	assert_string_equal(console, "EFI stub: ERROR: Failed to relocate kernel\r\nno level: always\r\n");
}

static void test_printk_truncates(void **state)
{
	char long_msg[400];

	memset(long_msg, 'x', sizeof(long_msg) - 1);
	long_msg[sizeof(long_msg) - 1] = '\0';
	assert_int_equal(efi_printk("%s", long_msg), -1);
	assert_non_null(strstr(console, "[Message truncated]\r\n"));
	/* 255 bytes of the message made it, no more. */
	assert_int_equal(strspn(console, "x"), 255);
}

/* ------------------------------------------------------------------ the command line */

static void test_utf16_to_utf8(void **state)
{
	/* "aé€" U+1F600, a lone high and a lone low surrogate, then a NUL and more. */
	static const efi_char16_t s[] = { 'a', 0xe9, 0x20ac, 0xd83d, 0xde00, 0xd800, 'b',
					  0xdc00, 0, 'z' };
	char out[64];
	size_t n;

	n = efi_utf16_to_utf8(out, sizeof(out) - 1, s, ARRAY_SIZE(s));
	assert_int_equal(n, 1 + 2 + 3 + 4 + 3 + 1 + 3);
	assert_memory_equal(out, "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xef\xbf\xbd" "b\xef\xbf\xbd", n + 1);
	/* A budget that ends inside the 4-byte character stops before it. */
	n = efi_utf16_to_utf8(out, 8, s, ARRAY_SIZE(s));
	assert_int_equal(n, 6);
	assert_string_equal(out, "a\xc3\xa9\xe2\x82\xac");
	/* No string at all: "" (no load options). */
	assert_int_equal(efi_utf16_to_utf8(out, 10, NULL, 0), 0);
	assert_string_equal(out, "");
}

static efi_loaded_image_t image_with(const efi_char16_t *opts, size_t nchars)
{
	efi_loaded_image_t li = { 0 };

	li.load_options = (void *)opts;
	li.load_options_size = nchars * sizeof(efi_char16_t);
	return li;
}

static void test_cmdline_from_load_options(void **state)
{
	static const efi_char16_t opts[] = { 'q', 'u', 'i', 'e', 't', ' ', 'x', '=', 0xe9, '\n',
					     'n', 'o', 'k', 'a', 's', 'l', 'r' };
	efi_loaded_image_t li = image_with(opts, ARRAY_SIZE(opts));
	char *cmdline;
	int len = 0;

	cmdline = efi_convert_cmdline(&li, &len);
	assert_non_null(cmdline);
	/* Cut at the newline; the length counts the NUL, as Linux's. */
	assert_string_equal(cmdline, "quiet x=\xc3\xa9");
	assert_int_equal(len, strlen(cmdline) + 1);
	fake_free_pool(cmdline);

	li = image_with(NULL, 0);
	cmdline = efi_convert_cmdline(&li, &len);
	assert_string_equal(cmdline, "");
	assert_int_equal(len, 1);
	fake_free_pool(cmdline);
	assert_int_equal(pools, 0);
}

static void test_cmdline_too_long(void **state)
{
	/* 2100 characters: words of 9 + a space, one quoted stretch with spaces at the end. */
	efi_char16_t opts[2100];
	efi_loaded_image_t li;
	char *cmdline;
	int i, len = 0;

	for (i = 0; i < 2100; i++)
		opts[i] = (i % 10 == 9) ? ' ' : 'a' + i % 10;
	/* Spaces in 2030..2047 are quoted: they are not places to cut. */
	opts[2025] = '"';
	opts[2055] = '"';
	li = image_with(opts, ARRAY_SIZE(opts));
	cmdline = efi_convert_cmdline(&li, &len);
	/* The last unquoted space before 2048 bytes is at 2019. */
	assert_int_equal(strlen(cmdline), 2019);
	assert_non_null(strstr(console, "EFI stub: ERROR: Command line is too long: truncated to 2019 bytes"));
	fake_free_pool(cmdline);
}

static void test_parse_options(void **state)
{
	assert_int_equal(efi_parse_options("root=/dev/x nokaslr  efi=novamap,debug"), EFI_SUCCESS);
	assert_true(efi_nokaslr);
	assert_true(efi_novamap);
	assert_int_equal(efi_loglevel, CONSOLE_LOGLEVEL_DEBUG);
	assert_int_equal(pools, 0);		/* the copy went back */

	setup_firmware(state);
	/* Words after "--" are init's; quoted values lose their quotes; "debugx" is not "debug". */
	efi_parse_options("efi=\"debug\" quiet -- nokaslr");
	assert_false(efi_nokaslr);
	assert_int_equal(efi_loglevel, CONSOLE_LOGLEVEL_QUIET);
	setup_firmware(state);
	efi_parse_options("efi=debugx,nochunk");
	assert_int_equal(efi_loglevel, CONSOLE_LOGLEVEL_DEFAULT);
	assert_int_equal(efi_parse_options(NULL), EFI_SUCCESS);
}

/* ------------------------------------------------------------------ the device tree */

/* A firmware's tree: two /memreserve/ entries, a memory node, /chosen with bootargs. */
static void *firmware_tree(void)
{
	static u8 buf[4096];
	fdt64_t reg[2] = { cpu_to_fdt64(0x40000000), cpu_to_fdt64(0x40000000) };
	int node;

	assert_int_equal(fdt_create_empty_tree(buf, sizeof(buf)), 0);
	assert_int_equal(fdt_add_mem_rsv(buf, 0x50000000, 0x1000000), 0);
	assert_int_equal(fdt_add_mem_rsv(buf, 0x60000123, 0x100), 0);
	node = fdt_add_subnode(buf, 0, "memory@40000000");
	assert_true(node >= 0);
	assert_int_equal(fdt_setprop_string(buf, node, "device_type", "memory"), 0);
	assert_int_equal(fdt_setprop(buf, node, "reg", reg, sizeof(reg)), 0);
	node = fdt_add_subnode(buf, 0, "chosen");
	assert_int_equal(fdt_setprop_string(buf, node, "bootargs", "from the tree"), 0);
	return buf;
}

static u64 prop64(const void *fdt, const char *name)
{
	int len, node = fdt_path_offset(fdt, "/chosen");
	const void *p = fdt_getprop(fdt, node, name, &len);
	fdt64_t v;

	assert_non_null(p);
	assert_int_equal(len, 8);
	memcpy(&v, p, sizeof(v));		/* properties are only 4-byte aligned */
	return fdt64_to_cpu(v);
}

static u32 prop32(const void *fdt, const char *name)
{
	int len, node = fdt_path_offset(fdt, "/chosen");
	const fdt32_t *p = fdt_getprop(fdt, node, name, &len);

	assert_non_null(p);
	assert_int_equal(len, 4);
	return fdt32_to_cpu(*p);
}

/* The buffer's room for more descriptors with @cmdline: 8 in Linux 6.1, 32 in 6.12. */
static unsigned long slack_slots(const char *cmdline)
{
	struct efi_boot_memmap *map;
	unsigned long slots;

	efi_linux_version = KERNEL_VERSION(6, 1, 0);
	assert_int_equal(efi_parse_options(cmdline), EFI_SUCCESS);
	assert_int_equal(efi_get_memory_map(&map, false), EFI_SUCCESS);
	slots = (map->buff_size - map->map_size) / map->desc_size;
	assert_int_equal((map->buff_size - map->map_size) % map->desc_size, 0);
	fake_free_pool(map);
	return slots;
}

static void test_memmap_slack_follows_linux(void **state)
{
	assert_int_equal(slack_slots(""), 8);
	assert_int_equal(slack_slots("linux=6.12"), 32);
	assert_int_equal(efi_linux_version, KERNEL_VERSION(6, 12, 0));
	/* as the kernel reads it: the last one wins, anything else is 6.1, init's words don't count */
	assert_int_equal(slack_slots("linux=6.12 linux=6.1"), 8);
	assert_int_equal(slack_slots("linux=6.12 linux=5.4"), 8);
	assert_int_equal(slack_slots("linux=6.12 -- linux=6.1"), 32);
	assert_int_equal(pools, 0);
}

static void test_update_fdt(void **state)
{
	static u8 out[16384];
	void *orig = firmware_tree();
	const char *args;
	int node;

	assert_int_equal(update_fdt(orig, fdt_totalsize(orig), out, sizeof(out), "console=ttyAMA0"),
			 EFI_SUCCESS);
	assert_int_equal(fdt_num_mem_rsv(out), 0);
	node = fdt_path_offset(out, "/memory@40000000");
	assert_true(node >= 0);
	assert_string_equal(fdt_getprop(out, node, "device_type", NULL), "memory");
	args = fdt_getprop(out, fdt_path_offset(out, "/chosen"), "bootargs", NULL);
	assert_string_equal(args, "console=ttyAMA0");
	assert_int_equal(prop64(out, "linux,uefi-system-table"), (unsigned long)&systab);
	/* Placeholders until the last GetMemoryMap. */
	assert_true(prop64(out, "linux,uefi-mmap-start") == U64_MAX);
	assert_int_equal(prop32(out, "linux,uefi-mmap-size"), U32_MAX);
	assert_int_equal(prop32(out, "linux,uefi-mmap-desc-size"), U32_MAX);
	assert_int_equal(prop32(out, "linux,uefi-mmap-desc-ver"), U32_MAX);
	assert_int_equal(prop32(out, "linux,uefi-secure-boot"), efi_secureboot_mode_disabled);
	/* No EFI_RNG_PROTOCOL: no kaslr-seed of the stub's. */
	assert_null(fdt_getprop(out, fdt_path_offset(out, "/chosen"), "kaslr-seed", NULL));
	/* Packed: no room left over. */
	assert_int_equal(fdt_totalsize(out), fdt_off_dt_strings(out) + fdt_size_dt_strings(out));

	/* No load options: the tree's own bootargs stay. */
	assert_int_equal(update_fdt(orig, 0, out, sizeof(out), ""), EFI_SUCCESS);
	args = fdt_getprop(out, fdt_path_offset(out, "/chosen"), "bootargs", NULL);
	assert_string_equal(args, "from the tree");
}

static void test_update_fdt_empty(void **state)
{
	static u8 out[4096];
	const fdt32_t *cells;

	/* No tree from the firmware: an empty one with 2-cell addresses and sizes. */
	assert_int_equal(update_fdt(NULL, 0, out, sizeof(out), "a=b"), EFI_SUCCESS);
	cells = fdt_getprop(out, 0, "#address-cells", NULL);
	assert_non_null(cells);
	assert_int_equal(fdt32_to_cpu(*cells), 2);
	cells = fdt_getprop(out, 0, "#size-cells", NULL);
	assert_int_equal(fdt32_to_cpu(*cells), 2);
	assert_string_equal(fdt_getprop(out, fdt_path_offset(out, "/chosen"), "bootargs", NULL), "a=b");
}

static void test_update_fdt_bad(void **state)
{
	static u8 out[16384], bad[64];
	void *orig = firmware_tree();

	memset(bad, 0x5a, sizeof(bad));
	assert_int_equal(update_fdt(bad, sizeof(bad), out, sizeof(out), ""), EFI_LOAD_ERROR);
	assert_non_null(strstr(console, "EFI stub: ERROR: Device Tree header not valid!\r\n"));
	console[0] = '\0';
	assert_int_equal(update_fdt(orig, fdt_totalsize(orig) - 1, out, sizeof(out), ""), EFI_LOAD_ERROR);
	assert_non_null(strstr(console, "EFI stub: ERROR: Truncated device tree! foo!\r\n"));
	/* Too little room for the copy: the caller can tell (EFI_BUFFER_TOO_SMALL). */
	assert_int_equal(update_fdt(orig, 0, out, 128, ""), EFI_BUFFER_TOO_SMALL);
}

static void test_get_fdt(void **state)
{
	unsigned long size = 0;
	static u8 bad[64];

	assert_null(get_fdt(&size));
	tables[0].guid = DEVICE_TREE_GUID;
	tables[0].table = firmware_tree();
	systab.nr_tables = 1;
	assert_ptr_equal(get_fdt(&size), tables[0].table);
	assert_int_equal(size, fdt_totalsize(tables[0].table));
	memset(bad, 0, sizeof(bad));
	tables[0].table = bad;
	assert_null(get_fdt(&size));
	assert_non_null(strstr(console, "EFI stub: ERROR: Invalid header detected on UEFI supplied FDT, ignoring ...\r\n"));
}

/* ------------------------------------------------------------------ the last map, the jump */

static jmp_buf entered;
static unsigned long entered_image, entered_fdt;

void efi_enter_kernel_at(unsigned long image_addr, unsigned long fdt_addr)
{
	entered_image = image_addr;
	entered_fdt = fdt_addr;
	longjmp(entered, 1);
}

static void boot_kernel_va(int fail_first, bool novamap)
{
	efi_loaded_image_t li = { 0 };
	char cmdline[] = "console=ttyAMA0";

	ebs_fail_first = fail_first;
	efi_novamap = novamap;		/* check_platform_features(): true with 48-bit VAs */
	tables[0].guid = DEVICE_TREE_GUID;
	tables[0].table = firmware_tree();
	systab.nr_tables = 1;
	if (!setjmp(entered))
		efi_boot_kernel((void *)1, &li, 0x48000000, cmdline);
	else
		return;
	fail_msg("efi_boot_kernel returned instead of entering the kernel");
}

static void boot_kernel(int fail_first)
{
	boot_kernel_va(fail_first, true);
}

static void test_exit_boot_services(void **state)
{
	const void *fdt;
	struct efi_boot_memmap *m;
	efi_memory_desc_t *md;
	efi_guid_t memmap_guid = LINUX_EFI_BOOT_MEMMAP_GUID;

	boot_kernel(0);
	assert_int_equal(entered_image, 0x48000000);
	fdt = (const void *)entered_fdt;
	/* The 2 MiB buffer, 64 KiB aligned, at the top of the fake memory. */
	assert_true(entered_fdt % EFI_ALLOC_ALIGN == 0);
	assert_true(entered_fdt + MAX_FDT_SIZE <= (unsigned long)arena + ARENA_SIZE);
	assert_string_equal(console, "EFI stub: Using DTB from configuration table\r\n"
			    "EFI stub: Exiting boot services...\r\n");
	/* The final map is the LINUX_EFI_BOOT_MEMMAP table and /chosen points into it. */
	assert_int_equal(n_installed, 1);
	assert_int_equal(efi_guidcmp(installed_guid[0], memmap_guid), 0);
	m = installed[0];
	assert_int_equal(prop64(fdt, "linux,uefi-mmap-start"), (unsigned long)m->map);
	assert_int_equal(prop32(fdt, "linux,uefi-mmap-size"), sizeof(fw_map));
	assert_int_equal(prop32(fdt, "linux,uefi-mmap-desc-size"), DESC_SIZE);
	assert_int_equal(prop32(fdt, "linux,uefi-mmap-desc-ver"), 1);
	/* efi_novamap: runtime descriptors are mapped 1:1, the others untouched. */
	md = (void *)((u8 *)m->map + DESC_SIZE);
	assert_true(md->virt_addr == 0x41000000);
	md = (void *)((u8 *)m->map + 2 * DESC_SIZE);
	assert_true(md->virt_addr == 0);
	assert_int_equal(ebs_calls, 1);
	assert_int_equal(get_map_calls, 2);	/* the size probe, then the map */
	fake_free_pool(m);			/* the kernel's from here on */
	assert_int_equal(pools, 0);
}

/* SetVirtualAddressMap as the firmware sees it: the runtime descriptors passed. */
static efi_status_t svam_status;
static unsigned long svam_size, svam_desc_size;
static efi_memory_desc_t svam_first, *svam_map;

static efi_status_t fake_svam(unsigned long size, unsigned long desc_size, u32 desc_ver,
			      efi_memory_desc_t *map)
{
	svam_size = size;
	svam_desc_size = desc_size;
	svam_first = map[0];
	svam_map = map;
	return svam_status;
}

/*
 * Without efi_novamap (a kernel with fewer than 48 VA bits: 16 KiB pages): the runtime map is
 * allocated before anything else, runtime regions packed from 512 MiB, SetVirtualAddressMap
 * called with just them after ExitBootServices; if it fails, U64_MAX tells the kernel.
 */
static void test_exit_boot_services_vamap(void **state)
{
	struct efi_boot_memmap *m;
	efi_memory_desc_t *md;
	int run;

	for (run = 0; run < 2; run++) {
		setup_firmware(state);
		rt.set_virtual_address_map = fake_svam;
		svam_status = run ? EFI_UNSUPPORTED : EFI_SUCCESS;
		svam_size = 0;
		boot_kernel_va(0, false);
		assert_int_equal(svam_desc_size, DESC_SIZE);
		assert_int_equal(svam_size, DESC_SIZE);		/* one runtime region */
		assert_true(svam_first.phys_addr == 0x41000000);
		assert_true(svam_first.virt_addr == 0x20000000);
		m = installed[0];
		md = (void *)((u8 *)m->map + DESC_SIZE);
		assert_true(md->virt_addr == (run ? U64_MAX : 0x20000000));
		md = (void *)((u8 *)m->map + 2 * DESC_SIZE);
		assert_true(md->virt_addr == 0);		/* not a runtime region */
		assert_int_equal(get_map_calls, 3);	/* the virtmap's size probe first */
		fake_free_pool(m);
		assert_int_equal(pools, 1);		/* the runtime map stays the firmware's */
		fake_free_pool(svam_map);
	}
}

static void test_exit_boot_services_retry(void **state)
{
	boot_kernel(1);
	/* EFI_INVALID_PARAMETER once: the map again into the same buffer, then success. */
	assert_int_equal(ebs_calls, 2);
	assert_int_equal(get_map_calls, 3);
	assert_int_equal(n_installed, 1);
	assert_int_equal(prop32((const void *)entered_fdt, "linux,uefi-mmap-size"), sizeof(fw_map));
	fake_free_pool(installed[0]);
	assert_int_equal(pools, 0);
}

/* ------------------------------------------------------------------ the initrd */

static const char initrd_data[] = "0707010000 an initramfs";
static int lf2_mode;			/* 0: no LoadFile2 initrd, 1: one, 2: a broken one */
static int fs_open_fail;
static efi_load_file2_protocol_t lf2;
static int lf2_handle, fs_handle;

static efi_status_t fake_load_file(efi_load_file2_protocol_t *this, efi_device_path_protocol_t *dp,
				   bool boot_policy, unsigned long *size, void *buf)
{
	efi_guid_t want = LINUX_EFI_INITRD_MEDIA_GUID;
	struct efi_vendor_dev_path v;
	struct efi_generic_dev_path end;

	/* The path asked for is Linux's initrd vendor media node, then the end node. */
	memcpy(&v, dp, sizeof(v));
	memcpy(&end, (char *)dp + sizeof(v), sizeof(end));
	assert_int_equal(v.header.type, EFI_DEV_MEDIA);
	assert_int_equal(v.header.sub_type, EFI_DEV_MEDIA_VENDOR);
	assert_int_equal(v.header.length, 20);
	assert_memory_equal(&v.vendorguid, &want, sizeof(want));
	assert_int_equal(end.type, EFI_DEV_END_PATH);
	assert_int_equal(end.sub_type, EFI_DEV_END_ENTIRE);
	if (lf2_mode == 2)
		return EFI_DEVICE_ERROR;
	if (!buf || *size < sizeof(initrd_data)) {
		*size = sizeof(initrd_data);
		return EFI_BUFFER_TOO_SMALL;
	}
	memcpy(buf, initrd_data, sizeof(initrd_data));
	*size = sizeof(initrd_data);
	return EFI_SUCCESS;
}

static efi_status_t fake_locate_device_path(efi_guid_t *proto, efi_device_path_protocol_t **dp,
					    efi_handle_t *handle)
{
	efi_guid_t lf2_guid = EFI_LOAD_FILE2_PROTOCOL_GUID;

	if (!lf2_mode || memcmp(proto, &lf2_guid, sizeof(lf2_guid)))
		return EFI_NOT_FOUND;
	*handle = &lf2_handle;
	return EFI_SUCCESS;
}

/* A volume of two files, "\a\one" and "two", the image's device handle. */
struct fake_file {
	efi_file_protocol_t p;
	const char *data;
	unsigned long pos, size;
};
static struct fake_file fake_root, fake_files[2];
static struct efi_simple_file_system_protocol fake_fs;
static int files_open;

static efi_status_t fake_file_close(efi_file_protocol_t *f)
{
	files_open--;
	return EFI_SUCCESS;
}

static efi_status_t fake_file_read(efi_file_protocol_t *f, unsigned long *size, void *buf)
{
	struct fake_file *ff = (struct fake_file *)f;
	unsigned long n = min(*size, ff->size - ff->pos);

	n = min(n, 5UL);		/* short reads: the caller loops */
	memcpy(buf, ff->data + ff->pos, n);
	ff->pos += n;
	*size = n;
	return EFI_SUCCESS;
}

static efi_status_t fake_file_get_info(efi_file_protocol_t *f, efi_guid_t *guid,
				       unsigned long *size, void *buf)
{
	struct fake_file *ff = (struct fake_file *)f;

	memset(buf, 0, 64);
	((u64 *)buf)[1] = ff->size;		/* EFI_FILE_INFO.FileSize */
	return EFI_SUCCESS;
}

static int name_is(const efi_char16_t *name, const char *want)
{
	while (*want && *name == (efi_char16_t)*want)
		name++, want++;
	return !*want && !*name;
}

static efi_status_t fake_file_open(efi_file_protocol_t *vol, efi_file_protocol_t **out,
				   efi_char16_t *name, u64 mode, u64 attr)
{
	static const char *const names[2] = { "a\\one", "two" };
	static const char *const data[2] = { "first-file|", "second" };
	int i;

	assert_int_equal(mode, 1);		/* EFI_FILE_MODE_READ */
	for (i = 0; i < 2 && !fs_open_fail; i++) {
		if (!name_is(name, names[i]))
			continue;
		fake_files[i].p = fake_root.p;
		fake_files[i].data = data[i];
		fake_files[i].pos = 0;
		fake_files[i].size = strlen(data[i]);
		*out = &fake_files[i].p;
		files_open++;
		return EFI_SUCCESS;
	}
	return EFI_NOT_FOUND;
}

static efi_status_t fake_open_volume(struct efi_simple_file_system_protocol *fs,
				     efi_file_protocol_t **root)
{
	*root = &fake_root.p;
	files_open++;
	return EFI_SUCCESS;
}

static efi_status_t fake_handle_protocol(efi_handle_t h, efi_guid_t *proto, void **iface)
{
	efi_guid_t lf2_guid = EFI_LOAD_FILE2_PROTOCOL_GUID;

	if (h == &lf2_handle && !memcmp(proto, &lf2_guid, sizeof(lf2_guid))) {
		*iface = &lf2;
		return EFI_SUCCESS;
	}
	if (h == &fs_handle) {		/* EFI_SIMPLE_FILE_SYSTEM_PROTOCOL */
		*iface = &fake_fs;
		return EFI_SUCCESS;
	}
	return EFI_UNSUPPORTED;
}

static int setup_initrd(void **state)
{
	setup_firmware(state);
	bs.locate_device_path = fake_locate_device_path;
	bs.handle_protocol = fake_handle_protocol;
	lf2.load_file = fake_load_file;
	fake_fs.open_volume = fake_open_volume;
	memset(&fake_root, 0, sizeof(fake_root));
	fake_root.p.open = fake_file_open;
	fake_root.p.close = fake_file_close;
	fake_root.p.read = fake_file_read;
	fake_root.p.get_info = fake_file_get_info;
	lf2_mode = 1;
	fs_open_fail = files_open = 0;
	efi_noinitrd = false;
	return 0;
}

/* The table the stub installed, NULL if none. */
static struct linux_efi_initrd *initrd_table(void)
{
	efi_guid_t guid = LINUX_EFI_INITRD_MEDIA_GUID;
	int i;

	for (i = 0; i < n_installed; i++)
		if (!memcmp(&installed_guid[i], &guid, sizeof(guid)))
			return installed[i];
	return NULL;
}

static efi_loaded_image_t image_on_fs(const char *opts, efi_char16_t *buf)
{
	size_t i, n = strlen(opts);
	efi_loaded_image_t li;

	for (i = 0; i < n; i++)
		buf[i] = opts[i];
	li = image_with(buf, n);
	li.device_handle = &fs_handle;
	return li;
}

static void test_initrd_load_file2(void **state)
{
	efi_char16_t buf[64];
	efi_loaded_image_t li = image_on_fs("initrd=two", buf);
	struct linux_efi_initrd *t;
	unsigned long max = arena_top - 0x10000;

	/* The device path wins over initrd=; the pages go below the limit given. */
	assert_int_equal(efi_load_initrd(&li, ULONG_MAX, max), EFI_SUCCESS);
	assert_string_equal(console, "EFI stub: Loaded initrd from LINUX_EFI_INITRD_MEDIA_GUID device path\r\n");
	t = initrd_table();
	assert_non_null(t);
	assert_int_equal(t->size, sizeof(initrd_data));
	assert_true(t->base + t->size <= max);
	assert_memory_equal((void *)t->base, initrd_data, sizeof(initrd_data));
	assert_int_equal(files_open, 0);
	fake_free_pool(t);
}

static void test_initrd_bad(void **state)
{
	efi_char16_t buf[64];
	efi_loaded_image_t li = image_on_fs("noinitrd", buf);

	/* A LoadFile2 that does not answer the size question: reported, no table. */
	lf2_mode = 2;
	assert_int_equal(efi_load_initrd(&li, ULONG_MAX, ULONG_MAX), EFI_LOAD_ERROR);
	assert_string_equal(console, "EFI stub: ERROR: Failed to load initrd: 0x8000000000000001\r\n");
	assert_null(initrd_table());

	/* noinitrd: nothing is asked for at all. */
	setup_initrd(state);
	assert_int_equal(efi_parse_options("noinitrd"), EFI_SUCCESS);
	assert_true(efi_noinitrd);
	assert_int_equal(efi_load_initrd(&li, ULONG_MAX, ULONG_MAX), EFI_SUCCESS);
	assert_string_equal(console, "");
	assert_null(initrd_table());

	/* No device path and no initrd= (none of "noinitrd"'s letters match): no initrd. */
	setup_initrd(state);
	lf2_mode = 0;
	assert_int_equal(efi_load_initrd(&li, ULONG_MAX, ULONG_MAX), EFI_SUCCESS);
	assert_string_equal(console, "");
	assert_null(initrd_table());
	assert_int_equal(n_installed, 0);
}

static void test_initrd_cmdline_files(void **state)
{
	efi_char16_t buf[64];
	efi_loaded_image_t li = image_on_fs("quiet initrd=//a/one x initrd=two", buf);
	struct linux_efi_initrd *t;

	/* No device path: every initrd= file, slashes stripped and turned, one after the other. */
	lf2_mode = 0;
	assert_int_equal(efi_load_initrd(&li, ULONG_MAX, ULONG_MAX), EFI_SUCCESS);
	assert_string_equal(console, "EFI stub: Loaded initrd from command line option\r\n");
	t = initrd_table();
	assert_non_null(t);
	assert_int_equal(t->size, strlen("first-file|second"));
	assert_memory_equal((void *)t->base, "first-file|second", t->size);
	assert_int_equal(files_open, 0);		/* every file and the volume closed */
	fake_free_pool(t);

	/* A file that is not there: said by name, no table. */
	setup_initrd(state);
	lf2_mode = 0;
	li = image_on_fs("initrd=/boot/missing.img", buf);
	assert_int_equal(efi_load_initrd(&li, ULONG_MAX, ULONG_MAX), EFI_NOT_FOUND);
	assert_string_equal(console, "EFI stub: ERROR: Failed to open file: boot\\missing.img\r\n"
				     "EFI stub: ERROR: Failed to load initrd: 0x800000000000000e\r\n");
	assert_null(initrd_table());
	assert_int_equal(files_open, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_printk_levels, setup_firmware),
		cmocka_unit_test_setup(test_printk_truncates, setup_firmware),
		cmocka_unit_test_setup(test_utf16_to_utf8, setup_firmware),
		cmocka_unit_test_setup(test_cmdline_from_load_options, setup_firmware),
		cmocka_unit_test_setup(test_cmdline_too_long, setup_firmware),
		cmocka_unit_test_setup(test_parse_options, setup_firmware),
		cmocka_unit_test_setup(test_memmap_slack_follows_linux, setup_firmware),
		cmocka_unit_test_setup(test_update_fdt, setup_firmware),
		cmocka_unit_test_setup(test_update_fdt_empty, setup_firmware),
		cmocka_unit_test_setup(test_update_fdt_bad, setup_firmware),
		cmocka_unit_test_setup(test_get_fdt, setup_firmware),
		cmocka_unit_test_setup(test_exit_boot_services, setup_firmware),
		cmocka_unit_test_setup(test_exit_boot_services_retry, setup_firmware),
		cmocka_unit_test_setup(test_exit_boot_services_vamap, setup_firmware),
		cmocka_unit_test_setup(test_initrd_load_file2, setup_initrd),
		cmocka_unit_test_setup(test_initrd_bad, setup_initrd),
		cmocka_unit_test_setup(test_initrd_cmdline_files, setup_initrd),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
