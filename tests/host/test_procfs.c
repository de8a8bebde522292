// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests for the files at Linux's paths (boot/procfs.c, lib/resource.c, mm/vmstat.c,
 * memblock's debugfs view): every scenario booted on the host and held against what Linux 6.1
 * showed for it (tests/linux-proc, made by linux-proc.sh), the device-tree test tree command by
 * command against busybox on Linux, and the resource tree, hexdump, ls and path rules alone.
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
#include <unistd.h>
#include <dirent.h>

#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/ioport.h>
#include <linux/seq_file.h>
#include <linux/proc_fs.h>
#include <linux/version.h>
#include <linux/vmstat.h>
#include <linux/of_fdt.h>
#include <libfdt.h>
#include <asm/memory.h>
#include <asm/sections.h>
#include "harness.h"
#include "host_boot.h"

#define LINUX_PROC	"tests/linux-proc"
/* Linux 6.12's side (tests/linux-proc/regen.sh with LINUX=6.12): a few scenarios, dt-test. */
#define LINUX_PROC_612	"tests/linux-proc-6.12"
#define SCENARIOS	"tests/scenarios"
/* What linux-proc.sh puts in /chosen/bootargs before the scenario's own words. */
#define ORACLE_ARGS	"earlycon=pl011,0x9000000 console=ttyAMA0 nokaslr"

/* ---- output collected from a seq_file ---- */

struct text {
	char *p;
	size_t n, cap;
};

static void text_write(struct seq_file *m, const char *s, size_t len)
{
	struct text *t = m->private;

	if (t->n + len + 1 > t->cap) {
		t->cap = (t->n + len + 1) * 2;
		t->p = realloc(t->p, t->cap);
		assert_non_null(t->p);
	}
	memcpy(t->p + t->n, s, len);
	t->n += len;
	t->p[t->n] = 0;
}

static struct text out;
static struct seq_file out_seq = { .write = text_write, .private = &out };

static void out_reset(void)
{
	out.n = 0;
	if (out.p)
		out.p[0] = 0;
}

/* The whole of file @path as proc_read_file() gives it (asserted to exist). */
static const char *read_proc(const char *path)
{
	out_reset();
	assert_int_equal(proc_read_file(path, &out_seq), 0);
	text_write(&out_seq, "", 0);
	return out.p;
}

/* ---- files ---- */

/*
 * The bytes after "=== @name\n" up to the next "\n=== " (the newline kept), as a new
 * NUL-terminated copy; *@len says how many (the output of cat may hold NULs). NULL if absent.
 */
static char *section_n(const char *file, size_t flen, const char *name, size_t *len)
{
	char head[512];
	const char *s, *e, *end = file + flen;
	char *res;

	snprintf(head, sizeof(head), "\n=== %s\n", name);
	s = memmem(file, flen, head, strlen(head));
	if (!s)
		return NULL;
	s += strlen(head);
	e = memmem(s, end - s, "\n=== ", 5);
	*len = e ? (size_t)(e - s + 1) : (size_t)(end - s);
	res = malloc(*len + 1);
	assert_non_null(res);
	memcpy(res, s, *len);
	res[*len] = 0;
	return res;
}

static char *section(const char *file, const char *name)
{
	size_t len;

	return section_n(file, strlen(file), name, &len);
}

/* A line of "// key: value" from a scenario's header, or "". */
static void dts_header(const char *dts, const char *key, char *val, size_t size)
{
	char pat[64];
	const char *p;

	snprintf(pat, sizeof(pat), "// %s:", key);
	val[0] = 0;
	p = strstr(dts, pat);
	if (!p)
		return;
	p += strlen(pat);
	while (*p == ' ' || *p == '\t')
		p++;
	snprintf(val, size, "%.*s", (int)strcspn(p, "\n"), p);
}

/* dtc -p 4096, as linux-proc.sh and run-qemu.sh prepare a tree, with room to add properties. */
static void *compile_dts(const char *path, size_t *len)
{
	char cmd[1024];
	size_t cap = 1 << 20, n = 0;
	char *buf = malloc(cap), *big;
	FILE *p;

	assert_non_null(buf);
	snprintf(cmd, sizeof(cmd), "dtc -q -I dts -O dtb -p 4096 -o - '%s'", path);
	p = popen(cmd, "r");
	assert_non_null(p);
	n = fread(buf, 1, cap, p);
	assert_int_equal(pclose(p), 0);
	assert_true(n > 0 && n < cap);
	big = aligned_alloc(8, (n + 65536 + 7) & ~(size_t)7);
	assert_non_null(big);
	assert_int_equal(fdt_open_into(buf, big, n + 65536), 0);
	free(buf);
	*len = fdt_totalsize(big);
	return big;
}

static void set_chosen(void *fdt, const char *name, const void *val, int len)
{
	int node = fdt_path_offset(fdt, "/chosen");

	if (node < 0)
		node = fdt_add_subnode(fdt, 0, "chosen");
	assert_true(node >= 0);
	assert_int_equal(fdt_setprop(fdt, node, name, val, len), 0);
}

/*
 * Boot on @fdt, which the host's boot reads in place (initial_boot_params): it is kept, and
 * freed at the next boot.
 */
static void *booted_fdt;

static void boot_blob(void *fdt)
{
	struct host_boot_params p = {
		.fdt = fdt, .fdt_len = fdt_totalsize(fdt), .kernel_at = HOST_BOOT_DEFAULT,
		.kernel_size = HOST_BOOT_DEFAULT, .dtb_at = HOST_BOOT_DEFAULT,
	};
	int st;

	free(booted_fdt);
	booted_fdt = fdt;
	st = host_boot(&p);
	if (st != HOST_BOOT_OK)
		fprintf(stderr, "boot: %d %s\n%s\n", st, panic_message(), console_text());
	assert_int_equal(st, HOST_BOOT_OK);
}

static void discard(void)
{
	struct memblock_region *r;

	for_each_mem_region(r)
		sim_discard(r->base, r->size);
}

/* The pages of the initramfs the last boot_scenario() gave (end 0: none). */
static struct {
	u64 start, end;
} initrd_res;

static void set_chosen_u64(void *fdt, const char *name, u64 v)
{
	fdt32_t cells[2] = { cpu_to_fdt32(v >> 32), cpu_to_fdt32(v) };

	set_chosen(fdt, name, cells, sizeof(cells));
}

/*
 * Boot tests/scenarios/@name.dts as linux-proc.sh booted Linux @version on it: its bootargs
 * (and linux=@version), and its initramfs of @initrd_size bytes (0: none) at the DTB + 4 MiB,
 * 2 MiB aligned, in /chosen; the DTB after that Linux's Image.
 */
static void boot_scenario(const char *name, u64 initrd_size, const char *version)
{
	char path[256], ba[512], args[1024];
	char *dts;
	size_t len;
	void *fdt;
	u64 kernel_at, dtb_at, initrd;

	snprintf(path, sizeof(path), SCENARIOS "/%s.dts", name);
	dts = harness_read_file(path, NULL);
	assert_non_null(dts);
	dts_header(dts, "bootargs", ba, sizeof(ba));
	snprintf(args, sizeof(args), "linux=%s " ORACLE_ARGS "%s%s", version, *ba ? " " : "", ba);
	fdt = compile_dts(path, &len);
	set_chosen(fdt, "bootargs", args, strlen(args) + 1);
	if (initrd_size) {
		host_default_placement(fdt, len, linux_image_size(linux_version_from_cmdline(args)),
				       &kernel_at, &dtb_at);
		initrd = (dtb_at + SZ_4M) & ~(u64)(SZ_2M - 1);
		set_chosen_u64(fdt, "linux,initrd-start", initrd);
		set_chosen_u64(fdt, "linux,initrd-end", initrd + initrd_size);
		initrd_res.start = initrd;
		initrd_res.end = PAGE_ALIGN(initrd + initrd_size) - 1;
	} else {
		initrd_res.start = initrd_res.end = 0;
	}
	boot_blob(fdt);
	free(dts);
}

/* ---- every scenario against Linux ---- */

/* Lines of @text starting with @prefix (or all, for NULL) whose filter accepts them. */
static char *lines_where(const char *text, bool (*keep)(const char *line, size_t len))
{
	char *res = calloc(1, strlen(text) + 1), *o = res;
	const char *l = text;

	assert_non_null(res);
	while (*l) {
		size_t len = strcspn(l, "\n");

		if (keep(l, len)) {
			memcpy(o, l, len);
			o += len;
			*o++ = '\n';
		}
		l += len + (l[len] == '\n');
	}
	return res;
}

/* /proc/iomem's top level as bootmem builds it: System RAM and no-map "reserved". */
static bool iomem_top_ram(const char *l, size_t len)
{
	const char *name = memmem(l, len, " : ", 3);

	if (l[0] == ' ' || !name)
		return false;
	name += 3;
	return (size_t)(l + len - name) == strlen("System RAM") ? !strncmp(name, "System RAM", 10) :
	       (size_t)(l + len - name) == strlen("reserved") && !strncmp(name, "reserved", 8);
}

/* The image's two entries (the footprint of the Image bootmem stands for), crashkernel='s. */
static bool iomem_kernel(const char *l, size_t len)
{
	return memmem(l, len, " : Kernel code", 14) || memmem(l, len, " : Kernel data", 14) ||
	       memmem(l, len, " : Crash kernel", 15);
}

static bool zone_counts(const char *l, size_t len)
{
	return !strncmp(l, "Node ", 5) || !strncmp(l, "        spanned ", 16) ||
	       !strncmp(l, "        present ", 16);
}

static bool node_zone_of_buddyinfo(const char *l, size_t len)
{
	return !strncmp(l, "Node ", 5);
}

static char *buddyinfo_zones(const char *text)
{
	char *zones = lines_where(text, node_zone_of_buddyinfo), *p, *q;

	/* keep "Node N, zone NAME" of each line */
	for (p = q = zones; *p; ) {
		size_t len = strcspn(p, "\n");

		memmove(q, p, 21);
		q[21] = '\n';
		q += 22;
		p += len + 1;
	}
	*q = 0;
	return zones;
}

/* One zone's pagesets block in /proc/zoneinfo: how many CPUs it lists, CPU 0's high and batch. */
struct pageset_fig {
	char zone[24];
	unsigned long managed;
	int ncpu, high, batch;
};

#define MAX_ZONEINFO_ZONES	(MAX_NUMNODES * MAX_NR_ZONES)

static int zoneinfo_pagesets_of(const char *text, struct pageset_fig *f)
{
	int n = 0;

	for (; *text; text += strcspn(text, "\n") + (text[strcspn(text, "\n")] ? 1 : 0)) {
		if (!strncmp(text, "Node ", 5)) {
			assert_true(n < MAX_ZONEINFO_ZONES);
			memset(&f[n], 0, sizeof(f[n]));
			snprintf(f[n].zone, sizeof(f[n].zone), "%.21s", text);
			n++;
		} else if (n && !strncmp(text, "        managed  ", 17)) {
			f[n - 1].managed = strtoul(text + 17, NULL, 10);
		} else if (n && !strncmp(text, "    cpu: ", 9)) {
			f[n - 1].ncpu++;
		} else if (n && f[n - 1].ncpu == 1 && !strncmp(text, "              high:  ", 21)) {
			f[n - 1].high = atoi(text + 21);
		} else if (n && f[n - 1].ncpu == 1 && !strncmp(text, "              batch: ", 21)) {
			f[n - 1].batch = atoi(text + 21);
		}
	}
	return n;
}

/*
 * 6.12's ZONE_DEVICE: listed in zoneinfo, never populated, no zone of bootmem's (it only
 * prints it). Dropped from @f's @n blocks; returns how many are left.
 */
static int drop_device_zones(struct pageset_fig *f, int n)
{
	int i, k = 0;

	for (i = 0; i < n; i++) {
		if (strstr(f[i].zone, "zone   Device")) {
			assert_int_equal(f[i].ncpu, 0);
			continue;
		}
		f[k++] = f[i];
	}
	return k;
}

static int check_equal(const char *name, const char *what, const char *lx, const char *ours)
{
	if (!strcmp(lx, ours))
		return 0;
	print_message("%s: %s differs from Linux's\n--- linux:\n%s--- ours:\n%s", name, what, lx,
		      ours);
	return 1;
}

/*
 * Linux's high may be its zone's low watermark split over the CPUs of the zone's node (all
 * online CPUs for a node without any); bootmem runs on one CPU. So Linux's is bootmem's / k
 * for some k from 1 to the CPUs Linux lists, or 4 batches if that is more. In 6.12 high moves
 * between high_min and high_max (auto-tuning), so Linux's lies in the range split alike.
 */
static bool high_split_matches(int high_min, int high_max, int lx, int ncpu, int batch)
{
	int k;

	for (k = 1; k <= ncpu; k++)
		if (max(high_min / k, batch << 2) <= lx && lx <= max(high_max / k, batch << 2))
			return true;
	return false;
}

static int pageset_differs(const char *name, const char *how, const struct pageset_fig *l,
			   const struct per_cpu_pages *pcp)
{
	if (pcp->batch == l->batch &&
	    high_split_matches(pcp->high_min, pcp->high_max, l->high, l->ncpu, pcp->batch))
		return 0;
	print_message("%s: %s pagesets %s: high %d (%d-%d) batch %d, Linux's %d/%d (%d CPUs)\n",
		      name, l->zone, how, pcp->high, pcp->high_min, pcp->high_max, pcp->batch,
		      l->high, l->batch, l->ncpu);
	return 1;
}

/*
 * What Linux frees after its watermarks: its __init section (/proc/iomem's gap between Kernel
 * code, which ends at __init_begin, and Kernel data) and the initramfs, if any.
 */
static int linux_late_frees(const char *l_iomem, u64 initrd, u64 initrd_size, u64 r[][2])
{
	const char *code = strstr(l_iomem, " : Kernel code\n");
	const char *data = strstr(l_iomem, " : Kernel data\n");
	int n = 0;

	assert_non_null(code);
	assert_non_null(data);
	while (code > l_iomem && code[-1] != '-')
		code--;
	while (data > l_iomem && data[-1] != '\n')
		data--;
	r[n][0] = strtoull(code, NULL, 16) + 1;
	r[n++][1] = strtoull(data, NULL, 16);
	if (initrd_size) {
		r[n][0] = initrd;
		r[n++][1] = initrd + initrd_size;
	}
	return n;
}

/*
 * /proc/zoneinfo's pagesets against Linux's: one block (CPU 0's) per populated zone, and
 * Linux's high and batch. The zones' sizes differ in one known way: Linux hands its CMA areas
 * to the buddy allocator (core_initcall, before the watermarks), bootmem keeps them reserved,
 * so Linux's managed pages, from which batch, the watermarks and so high follow, count them.
 * bootmem's sizing (init_per_zone_wmark_min, khugepaged's minimum, zone_pcp_update) run again
 * on Linux's managed pages as they were then must give Linux's values: /proc shows them after
 * free_initmem() and the initramfs's release (@late_free, [start, end) physical), which come
 * after the watermarks. (test_zoneinfo_format checks a 1 GiB tree's values as booted.)
 */
static int check_pagesets(const char *name, const char *lx, const char *ours,
			  const u64 late_free[][2], int nr_late)
{
	struct pageset_fig l[MAX_ZONEINFO_ZONES], o[MAX_ZONEINFO_ZONES];
	int nl = drop_device_zones(l, zoneinfo_pagesets_of(lx, l));
	int no = drop_device_zones(o, zoneinfo_pagesets_of(ours, o)), i, nid;
	struct zone *zone;
	int fails = 0;

	if (nl != no)
		return 0;	/* the zone lists differ: check_equal says so */
	for (i = 0; i < nl; i++) {
		/* a block wherever Linux has one (a populated zone), for one CPU */
		if (o[i].ncpu != (l[i].ncpu ? 1 : 0)) {
			print_message("%s: %s has %d pagesets, Linux's %d\n", name, o[i].zone,
				      o[i].ncpu, l[i].ncpu);
			fails++;
		}
	}
	if (fails)
		return fails;

	/* Linux's managed pages when it set its watermarks */
	i = 0;
	for_each_online_node(nid)
		for_each_zone_in_node(zone, NODE_DATA(nid)) {
			int r;

			assert_true(i < nl);
			for (r = 0; r < nr_late; r++) {
				u64 lo = max(PFN_UP(late_free[r][0]), zone->zone_start_pfn);
				u64 hi = min(PFN_DOWN(late_free[r][1]), zone_end_pfn(zone));

				if (l[i].managed && lo < hi)
					l[i].managed -= hi - lo;
			}
			i++;
		}

	i = 0;
	for_each_online_node(nid)
		for_each_zone_in_node(zone, NODE_DATA(nid)) {
			totalram_pages_add((long)l[i].managed - (long)zone->managed_pages);
			zone->managed_pages = l[i++].managed;
			/* as before the first init_per_zone_wmark_min() (nr_free_buffer_pages) */
			memset(zone->_watermark, 0, sizeof(zone->_watermark));
		}
	assert_int_equal(i, nl);
	init_per_zone_wmark_min();
	hugepage_init();
	i = 0;
	for_each_online_node(nid)
		for_each_zone_in_node(zone, NODE_DATA(nid)) {
			const struct per_cpu_pages *pcp = &zone->per_cpu_pageset[0];

			if (l[i].ncpu)
				fails += pageset_differs(name, "on Linux's managed pages", &l[i], pcp);
			i++;
		}
	return fails;
}

/*
 * The parts that do not depend on what each kernel allocates after memblock: System RAM and
 * no-map ranges, Kernel code and data (the footprint of Debian's Image, placed as QEMU
 * places it), Crash kernel, the initramfs, memblock.memory, each zone's spanned and present pages, the
 * populated zones.
 */
static int check_scenario(const char *name, const char *lx, const char *version)
{
	char *l_iomem = section(lx, "/proc/iomem"), *l_mem = section(lx, "/sys/kernel/debug/memblock/memory");
	char *l_zone = section(lx, "/proc/zoneinfo"), *l_buddy = section(lx, "/proc/buddyinfo");
	const char *ir;
	char *a, *b, line[64];
	u64 late_free[2][2];
	int fails = 0;

	assert_non_null(l_iomem);
	assert_non_null(l_mem);
	assert_non_null(l_zone);
	assert_non_null(l_buddy);
	ir = strstr(lx, "\n# initramfs: ");
	assert_non_null(ir);
	boot_scenario(name, strtoull(ir + 14, NULL, 10), version);

	/* the initramfs, reserved in whole pages under its System RAM, in both */
	if (initrd_res.end) {
		snprintf(line, sizeof(line), "  %08llx-%08llx : reserved\n", initrd_res.start,
			 initrd_res.end);
		if (!strstr(l_iomem, line) != !strstr(read_proc("/proc/iomem"), line)) {
			print_message("%s: the initramfs [%s] is reserved in one /proc/iomem only\n",
				      name, line);
			fails++;
		}
	}

	a = lines_where(l_iomem, iomem_top_ram);
	b = lines_where(read_proc("/proc/iomem"), iomem_top_ram);
	fails += check_equal(name, "/proc/iomem System RAM and reserved", a, b);
	free(a);
	free(b);
	a = lines_where(l_iomem, iomem_kernel);
	b = lines_where(read_proc("/proc/iomem"), iomem_kernel);
	fails += check_equal(name, "/proc/iomem Kernel code, Kernel data, Crash kernel", a, b);
	free(a);
	free(b);

	fails += check_equal(name, "memblock/memory", l_mem,
			     read_proc("/sys/kernel/debug/memblock/memory"));

	a = lines_where(l_zone, zone_counts);
	b = lines_where(read_proc("/proc/zoneinfo"), zone_counts);
	fails += check_equal(name, "zoneinfo spanned/present", a, b);
	free(a);
	free(b);
	/*
	 * 6.12 tunes each CPU's high between high_min and high_max as pages come and go and
	 * decays it back to high_min when idle; high_min is 6.1's high, what an idle Linux shows.
	 */
	fails += check_pagesets(name, l_zone, read_proc("/proc/zoneinfo"), late_free,
					linux_late_frees(l_iomem, initrd_res.start,
							 strtoull(ir + 14, NULL, 10), late_free));

	a = buddyinfo_zones(l_buddy);
	b = buddyinfo_zones(read_proc("/proc/buddyinfo"));
	fails += check_equal(name, "buddyinfo's zones", a, b);
	free(a);
	free(b);

	discard();
	free(l_iomem);
	free(l_mem);
	free(l_zone);
	free(l_buddy);
	return fails;
}

/* Every scenario of @dir (Linux @version's files) booted with linux=@version; how many. */
static int scenarios_against(const char *dir, const char *version)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int fails = 0, count = 0;

	assert_non_null(d);
	while ((de = readdir(d))) {
		char name[256], path[512];
		size_t l = strlen(de->d_name);
		char *lx;

		if (l < 5 || strcmp(de->d_name + l - 4, ".txt"))
			continue;
		snprintf(name, sizeof(name), "%.*s", (int)(l - 4), de->d_name);
		snprintf(path, sizeof(path), SCENARIOS "/%s.dts", name);
		if (access(path, R_OK))
			continue;	/* commands.txt, dt-test.txt */
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		lx = harness_read_file(path, NULL);
		assert_non_null(lx);
		fails += check_scenario(name, lx, version);
		free(lx);
		count++;
	}
	closedir(d);
	print_message("%d scenarios held against Linux %s's /proc, %d differences\n", count,
		      version, fails);
	assert_int_equal(fails, 0);
	return count;
}

static void test_scenarios_against_linux(void **state)
{
	assert_true(scenarios_against(LINUX_PROC, "6.1") >= 40);
}

/* linux=6.12: the Device zone in zoneinfo (never in buddyinfo), 6.12's counts. */
static void test_scenarios_against_linux_612(void **state)
{
	assert_true(scenarios_against(LINUX_PROC_612, "6.12") >= 10);
}

/* 16 KiB pages (build-16k): Debian's arm64-16k 6.12's files, tests/linux-proc-6.12-16k. */
static void test_scenarios_against_linux_612_16k(void **state)
{
	assert_true(scenarios_against("tests/linux-proc-6.12-16k", "6.12") >= 1);
}

/* ---- the device-tree test tree, command by command ---- */

static char *dt_linux, *dt_linux_612;
static size_t dt_linux_len, dt_linux_612_len;
/* The dt-test tests below run against Linux 6.1's transcript; the 6.12 ones swap this in. */
static bool dt_612;

static char *dt_section(const char *name)
{
	size_t len;

	return section_n(dt_linux, dt_linux_len, name, &len);
}

/* dt-test.dts with /chosen as linux-proc.sh left it for Linux (bootargs, initrd range). */
static void boot_dt_test(bool nokaslr)
{
	char *props = dt_section("properties");
	static const char *const copied[] = { "bootargs", "linux,initrd-start", "linux,initrd-end" };
	size_t len, i;
	void *fdt = compile_dts(LINUX_PROC "/dt-test.dts", &len);

	assert_non_null(props);
	for (i = 0; i < ARRAY_SIZE(copied); i++) {
		char key[128], bytes[1024];
		const char *p;
		int n = 0;

		snprintf(key, sizeof(key), "/sys/firmware/devicetree/base/chosen/%s ", copied[i]);
		p = strstr(props, key);
		assert_non_null(p);
		for (p += strlen(key); p[0] != '\n'; p += 2)
			assert_int_equal(sscanf(p, "%2hhx", (unsigned char *)&bytes[n++]), 1);
		if (!nokaslr && i == 0) {	/* the same words without "nokaslr" */
			char *nk = memmem(bytes, n, "nokaslr", 7);

			assert_non_null(nk);
			memcpy(nk, "dokaslr", 7);
		}
		if (dt_612 && i == 0) {	/* Linux's words, and which Linux to follow */
			assert_true(n > 0 && !bytes[n - 1] && n + 12 < (int)sizeof(bytes));
			memcpy(bytes + n - 1, " linux=6.12", 12);
			n += 11;
		}
		set_chosen(fdt, copied[i], bytes, n);
	}
	free(props);
	boot_blob(fdt);
}

/* A command line as the monitor runs it (proc_run_command). */
static void run_cmd(const char *cmdline)
{
	out_reset();
	text_write(&out_seq, "", 0);
	if (!proc_run_command(cmdline, &out_seq))
		fail_msg("unknown command: %s", cmdline);
}

/* Every line of commands.txt prints byte for byte what busybox printed on Linux. */
/* The monitor's command lines: quoting, and what is not one of busybox's commands. */
static void test_run_command_words(void **state)
{
	char long_line[PROC_CMD_LINE + 8];

	boot_scenario("virt-1g", 0, "6.1");
	out_reset();
	text_write(&out_seq, "", 0);
	assert_true(proc_run_command("cat \"\"", &out_seq));
	assert_string_equal(out.p, "cat: can't open '': No such file or directory\n");
	out_reset();
	assert_true(proc_run_command("  cat '/proc/no such'  ", &out_seq));
	assert_string_equal(out.p, "cat: can't open '/proc/no such': No such file or directory\n");
	out_reset();
	assert_false(proc_run_command("category /proc/iomem", &out_seq));
	assert_false(proc_run_command("", &out_seq));
	memset(long_line, ' ', sizeof(long_line));
	memcpy(long_line, "ls", 2);
	long_line[sizeof(long_line) - 1] = 0;
	assert_false(proc_run_command(long_line, &out_seq));
	assert_int_equal(out.n, 0);
}

static void test_dt_commands(void **state)
{
	char *cmds = harness_read_file(LINUX_PROC "/commands.txt", NULL), *c, *save;
	int n = 0, fails = 0;

	assert_non_null(cmds);
	boot_dt_test(true);
	for (c = strtok_r(cmds, "\n", &save); c; c = strtok_r(NULL, "\n", &save)) {
		size_t len;
		char *want = section_n(dt_linux, dt_linux_len, c, &len);

		assert_non_null(want);
		run_cmd(c);
		/* regen.sh's separator: one newline after each command's output */
		len--;
		if (len != out.n || memcmp(want, out.p, len)) {
			print_message("%s\n--- linux:\n%.*s--- ours:\n%.*s", c, (int)len, want,
				      (int)out.n, out.p);
			fails++;
		}
		free(want);
		n++;
	}
	print_message("%d commands, %d differ from busybox on Linux\n", n, fails);
	assert_true(n >= 40);
	assert_int_equal(fails, 0);
	free(cmds);
	discard();
}

/* Walk our tree below @dir and collect "PATH HEX" lines of every file, as regen.sh does. */
struct walk {
	char dir[1024];
	char *names[512];
	bool dirs[512];
	int n;
};

static void walk_add(void *ctx, const char *name, bool is_dir)
{
	struct walk *w = ctx;

	assert_true(w->n < 512);
	w->names[w->n] = strdup(name);
	w->dirs[w->n++] = is_dir;
}

static void walk_tree(const char *dir, struct text *res)
{
	struct walk *w = calloc(1, sizeof(*w));
	char path[1024];
	int i;

	assert_non_null(w);
	snprintf(w->dir, sizeof(w->dir), "%s/", dir);
	assert_true(proc_complete(w->dir, "", walk_add, w) >= 0);
	for (i = 0; i < w->n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, w->names[i]);
		if (w->dirs[i]) {
			walk_tree(path, res);
		} else {
			struct seq_file m = { .write = text_write, .private = res };
			const char *bytes = read_proc(path);
			size_t k;

			seq_printf(&m, "%s ", path);
			for (k = 0; k < out.n; k++)
				seq_printf(&m, "%02x", (u8)bytes[k]);
			seq_putc(&m, '\n');
		}
		free(w->names[i]);
	}
	free(w);
}

static int cmp_lines(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The list sorted line by line (find's order is the directory's; we compare sets). */
static char *sorted_lines(char *text)
{
	char *lines[4096], *save, *l, *res = calloc(1, strlen(text) + 2), *o;
	int n = 0, i;

	assert_non_null(res);
	for (l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		assert_true(n < 4096);
		lines[n++] = l;
	}
	qsort(lines, n, sizeof(*lines), cmp_lines);
	for (o = res, i = 0; i < n; i++)
		o += sprintf(o, "%s\n", lines[i]);
	return res;
}

/* Every node and property Linux shows, with its bytes, and nothing else. */
static void test_dt_all_properties(void **state)
{
	struct text ours = { };
	char *lx = dt_section("properties"), *a, *b;

	assert_non_null(lx);
	boot_dt_test(true);
	walk_tree("/sys/firmware/devicetree/base", &ours);
	a = sorted_lines(lx);
	b = sorted_lines(ours.p);
	if (strcmp(a, b))
		fail_msg("the device tree differs from Linux's /sys/firmware/devicetree/base");
	assert_true(strstr(b, "/bootmem-test/dup#1/name 64757000\n") != NULL);
	assert_true(strstr(b, "/chosen/rng-seed") == NULL);
	free(a);
	free(b);
	free(lx);
	free(ours.p);
	discard();
}

/* Without nokaslr Linux's kaslr_early_init() zeroes the seed it used; the rest stays. */
static void test_dt_kaslr_seed_zeroed(void **state)
{
	boot_dt_test(false);
	read_proc("/proc/device-tree/chosen/kaslr-seed");
	assert_int_equal(out.n, 8);
	assert_memory_equal(out.p, "\0\0\0\0\0\0\0\0", 8);
	read_proc("/proc/device-tree/chosen/stdout-path");
	assert_string_equal(out.p, "/pl011@9000000");
	assert_int_equal(proc_read_file("/proc/device-tree/chosen/rng-seed", &out_seq), -ENOENT);
	discard();
}

/* The line without its number(s): what must match for the format to be Linux's. */
static char *labels(const char *text)
{
	char *res = strdup(text), *p;

	assert_non_null(res);
	for (p = res; *p; p++)
		if (*p >= '0' && *p <= '9')
			*p = '#';
	return res;
}

/*
 * zoneinfo: Linux's lines in Linux's order, the pagesets block too; spanned/present equal.
 * @protection: the populated zone's line before nr_free_pages.
 */
static void test_zoneinfo_format_versioned(const char *protection)
{
	char *lx = dt_section("/proc/zoneinfo"), *a, *b, want[128];
	const char *ours;
	int i;

	assert_non_null(lx);
	boot_dt_test(true);
	ours = read_proc("/proc/zoneinfo");
	a = labels(lx);
	b = labels(ours);
	/* every count takes its own width: compare with the digits folded to one */
	for (i = 0; i < 2; i++) {
		char *s = i ? b : a, *r, *w;

		for (r = w = s; *r; r++)
			if (!(*r == '#' && w > s && w[-1] == '#'))
				*w++ = *r;
		*w = 0;
	}
	if (strcmp(a, b))
		fail_msg("zoneinfo lines differ from Linux's:\n--- linux:\n%s--- ours:\n%s", a, b);
	free(a);
	free(b);
	a = lines_where(lx, zone_counts);
	b = lines_where(ours, zone_counts);
	assert_string_equal(a, b);
	snprintf(want, sizeof(want), "        protection: %s\n      nr_free_pages ", protection);
	assert_non_null(strstr(ours, want));
	/* this 1 GiB tree's per-CPU lists are sized as Linux's (count is what each has cached) */
	assert_non_null(strstr(lx, "              high:  7040\n              batch: 63\n"));
	assert_non_null(strstr(ours, "              high:  7040\n              batch: 63\n"));
	free(a);
	free(b);
	free(lx);
	if (!dt_612)
		discard();
}

static void test_zoneinfo_format(void **state)
{
	test_zoneinfo_format_versioned("(0, 0, 0, 0)");
}

/* meminfo: each of our lines is one of Linux's, in its order and its "%-16s%8lu kB" shape. */
/*
 * linux=6.12 on the same tree: 6.12's zoneinfo (promo, the Device zone, five protection
 * entries, an empty Movable zone's min of 32, 6.12's node counters) line for line.
 */
static void test_zoneinfo_format_612(void **state)
{
	char *save = dt_linux;
	size_t save_len = dt_linux_len;

	dt_linux = dt_linux_612;
	dt_linux_len = dt_linux_612_len;
	dt_612 = true;
	test_zoneinfo_format_versioned("(0, 0, 0, 0, 0)");
	assert_non_null(strstr(read_proc("/proc/zoneinfo"),
			       "Node 0, zone  Movable\n  pages free     0\n        boost    0\n"
			       "        min      32\n        low      32\n        high     32\n"
			       "        promo    32\n"));
	assert_non_null(strstr(read_proc("/proc/zoneinfo"), "Node 0, zone   Device\n"));
	assert_null(strstr(read_proc("/proc/buddyinfo"), "Device"));
	discard();
	dt_612 = false;
	dt_linux = save;
	dt_linux_len = save_len;
}

static void test_meminfo_format(void **state)
{
	char *lx = dt_section("/proc/meminfo"), *nl, *at, lab[32];
	static const char *const want[] = { "MemTotal:", "MemFree:", "MemAvailable:", "CmaTotal:" };
	const char *ours, *l;
	size_t i;

	assert_non_null(lx);
	boot_dt_test(true);
	ours = read_proc("/proc/meminfo");
	assert_true(asprintf(&nl, "\n%s", lx) > 0);	/* every line after a newline */
	at = nl;
	for (i = 0, l = ours; i < ARRAY_SIZE(want); i++) {
		size_t len = strcspn(l, "\n");

		assert_int_equal(len, 16 + 8 + 3);
		assert_memory_equal(l + 24, " kB", 3);
		snprintf(lab, sizeof(lab), "\n%.16s", l);
		assert_int_equal(strncmp(l, want[i], strlen(want[i])), 0);
		at = strstr(at, lab);
		assert_non_null(at);		/* in Linux's file, after the line before */
		l += len + 1;
	}
	assert_int_equal(*l, 0);
	assert_int_equal(strtoul(strstr(ours, "MemTotal:") + 16, NULL, 10),
			 totalram_pages() << (PAGE_SHIFT - 10));
	assert_int_equal(strtoul(strstr(ours, "MemFree:") + 16, NULL, 10),
			 nr_free_pages() << (PAGE_SHIFT - 10));
	assert_int_equal(strtoul(strstr(ours, "MemAvailable:") + 16, NULL, 10),
			 (nr_free_pages() - totalreserve_pages) << (PAGE_SHIFT - 10));
	assert_int_equal(strtoul(strstr(ours, "CmaTotal:") + 16, NULL, 10), 65536);
	free(nl);
	free(lx);
	discard();
}

/* ---- /proc/iomem's tree: the rules of kernel/resource.c ---- */

static void test_resource_tree(void **state)
{
	struct resource ram = { .start = 0x40000000, .end = 0x7fffffff, .name = "System RAM",
				.flags = IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY };
	struct resource code = { .start = 0x40210000, .end = 0x4185ffff, .name = "Kernel code" };
	struct resource data = { .start = 0x41eb0000, .end = 0x4220ffff, .name = "Kernel data" };
	struct resource nomap = { .start = 0x80000000, .end = 0x80ffffff, .name = "reserved",
				  .flags = IORESOURCE_MEM };
	struct resource straddle = { .start = 0x7ff00000, .end = 0x800fffff, .name = "x" };

	host_reset_boot_state();
	/* the kernel first, as arm64 does; the RAM range then takes both below it */
	assert_int_equal(insert_resource(&iomem_resource, &code), 0);
	assert_int_equal(insert_resource(&iomem_resource, &data), 0);
	assert_int_equal(insert_resource(&iomem_resource, &ram), 0);
	assert_int_equal(insert_resource(&iomem_resource, &nomap), 0);
	assert_ptr_equal(code.parent, &ram);
	assert_ptr_equal(data.parent, &ram);
	assert_ptr_equal(ram.parent, &iomem_resource);
	/* a range over two top-level entries goes in nowhere */
	assert_int_equal(insert_resource(&iomem_resource, &straddle), -EBUSY);
	assert_int_equal(request_resource(&iomem_resource, &straddle), -EBUSY);

	/* reserved pieces around the kernel: below, between (init), above; one inside is dropped */
	reserve_region_with_split(&ram, 0x40200000, 0x4220ffff, "reserved");
	reserve_region_with_split(&ram, 0x41000000, 0x41000fff, "reserved");
	reserve_region_with_split(&ram, 0x7ac00000, 0x7fffffff, "reserved");
	out_reset();
	iomem_show(&out_seq);
	assert_string_equal(out.p,
		"40000000-7fffffff : System RAM\n"
		"  40200000-4020ffff : reserved\n"
		"  40210000-4185ffff : Kernel code\n"
		"  41860000-41eaffff : reserved\n"
		"  41eb0000-4220ffff : Kernel data\n"
		"  7ac00000-7fffffff : reserved\n"
		"80000000-80ffffff : reserved\n");
	/* outside its root: cut to it, with Linux's two messages */
	console_capture_reset();
	reserve_region_with_split(&nomap, 0x80f00000, 0x81ffffff, "reserved");
	assert_true(console_contains("requested range [0x80f00000-0x81ffffff] not in root [mem 0x80000000-0x80ffffff flags 0x200]\n"));
	assert_true(console_contains("fixing request to [0x80f00000-0x80ffffff]"));
	host_reset_boot_state();
}

/* Linux's r_show(): two spaces a level, at most MAX_IORES_LEVEL levels, wider above 4 GiB. */
static void test_iomem_depth(void **state)
{
	struct resource r[8];
	int i;

	host_reset_boot_state();
	for (i = 0; i < 8; i++) {
		r[i] = (struct resource){ .start = 0x100000000ULL + i, .end = 0x1ffffffffULL - i,
					  .name = "level" };
		assert_int_equal(insert_resource(i ? &r[i - 1] : &iomem_resource, &r[i]), 0);
	}
	out_reset();
	iomem_show(&out_seq);
	assert_string_equal(out.p,
		"100000000-1ffffffff : level\n"
		"  100000001-1fffffffe : level\n"
		"    100000002-1fffffffd : level\n"
		"      100000003-1fffffffc : level\n"
		"        100000004-1fffffffb : level\n"
		"          100000005-1fffffffa : level\n"
		"          100000006-1fffffff9 : level\n"
		"          100000007-1fffffff8 : level\n");
	host_reset_boot_state();
}

/* After a boot: every memblock.reserved page in a System RAM range is under it, and tidy. */
static void test_iomem_covers_reserved(void **state)
{
	struct resource *ram, *c, *prev;
	u64 i;
	phys_addr_t s, e;

	boot_scenario("resmem-nomap-inside", 0, "6.1");
	for (ram = iomem_resource.child; ram; ram = ram->sibling) {
		if (strcmp(ram->name, "System RAM"))
			continue;
		for (prev = NULL, c = ram->child; c; prev = c, c = c->sibling) {
			assert_true(c->start >= ram->start && c->end <= ram->end);
			assert_true(!prev || prev->end < c->start);
			assert_null(c->child);
		}
		for_each_reserved_mem_range(i, &s, &e) {
			phys_addr_t p;

			for (p = PFN_PHYS(PFN_DOWN(s)); p < e; p += PAGE_SIZE) {
				if (p < ram->start || p > ram->end)
					continue;
				for (c = ram->child; c && !(c->start <= p && p <= c->end); c = c->sibling)
					;
				if (!c)
					fail_msg("reserved page %#llx is under no entry of %s", p, ram->name);
			}
		}
	}
	/* the no-map ranges: top-level "reserved", never System RAM */
	assert_non_null(strstr(read_proc("/proc/iomem"),
			       "\n50000000-50ffffff : reserved\n51000000-5fffffff : System RAM\n"));
	discard();
}

/* ---- the commands' own rules ---- */

static void test_hexdump_rules(void **state)
{
	char *argv[] = { "hexdump", "-C", "/proc/device-tree/model", NULL };
	char *bad[] = { "hexdump", "/proc/device-tree/model", NULL };
	char *none[] = { "hexdump", "-C", NULL };

	boot_dt_test(true);
	out_reset();
	assert_int_equal(proc_cmd_hexdump(3, argv, &out_seq), 0);
	assert_string_equal(out.p,
		"00000000  6c 69 6e 75 78 2c 64 75  6d 6d 79 2d 76 69 72 74  |linux,dummy-virt|\n"
		"00000010  00                                                |.|\n"
		"00000011\n");
	out_reset();
	assert_int_equal(proc_cmd_hexdump(2, bad, &out_seq), 1);
	assert_non_null(strstr(out.p, "bootmem: hexdump: only -C"));
	out_reset();
	assert_int_equal(proc_cmd_hexdump(2, none, &out_seq), 1);
	assert_non_null(strstr(out.p, "bootmem: hexdump: which file?"));
	discard();
}

static void test_paths(void **state)
{
	char *ls[] = { "ls", NULL }, *ls_proc[] = { "ls", "-1", "/proc", NULL };
	char *cat_none[] = { "cat", NULL };

	boot_dt_test(true);
	out_reset();
	assert_int_equal(proc_cmd_ls(1, ls, &out_seq), 0);
	assert_string_equal(out.p, "proc  sys\n");
	out_reset();
	assert_int_equal(proc_cmd_ls(3, ls_proc, &out_seq), 0);
	assert_string_equal(out.p, "buddyinfo\ndevice-tree\niomem\nmeminfo\nzoneinfo\n");
	out_reset();
	assert_int_equal(proc_cmd_cat(1, cat_none, &out_seq), 1);
	assert_non_null(strstr(out.p, "bootmem: cat: which file?"));
	/* relative to /, "." and "..", the link followed wherever it is */
	assert_int_equal(proc_read_file("proc/../proc/./iomem", &out_seq), 0);
	assert_int_equal(proc_read_file("/../../proc/device-tree/model", &out_seq), 0);
	assert_int_equal(proc_read_file("/proc/device-tree/../base/model", &out_seq), 0);
	assert_int_equal(proc_read_file("/proc/device-tree/../devicetree/base/model", &out_seq),
			 -ENOENT);
	assert_int_equal(proc_read_file("/proc/device-tree/..", &out_seq), -EISDIR);
	assert_int_equal(proc_read_file("/proc/iomem/", &out_seq), -ENOTDIR);
	assert_int_equal(proc_read_file("", &out_seq), -ENOENT);
	assert_int_equal(proc_read_file("/sys/firmware/fdt", &out_seq), -ENOENT);
	assert_string_equal(proc_strerror(-ELOOP), "Too many levels of symbolic links");
	discard();
}

/* Tab completion's view: matching entries in ls order, a link to a directory as one. */
static void complete_add(void *ctx, const char *name, bool is_dir)
{
	struct text *t = ctx;
	struct seq_file m = { .write = text_write, .private = t };

	seq_printf(&m, "%s%s ", name, is_dir ? "/" : "");
}

static void test_completion(void **state)
{
	struct text t = { };

	boot_dt_test(true);
	assert_int_equal(proc_complete("/proc/", "", complete_add, &t), 5);
	assert_string_equal(t.p, "buddyinfo device-tree/ iomem meminfo zoneinfo ");
	t.n = 0;
	assert_int_equal(proc_complete("/proc/device-tree/bootmem-test/", "d", complete_add, &t), 2);
	assert_string_equal(t.p, "dup dup#1/ ");
	t.n = 0;
	assert_int_equal(proc_complete("", "s", complete_add, &t), 1);
	assert_string_equal(t.p, "sys/ ");
	assert_int_equal(proc_complete("/proc/iomem/", "", complete_add, &t), -ENOTDIR);
	assert_int_equal(proc_complete("/nope/", "", complete_add, &t), -ENOENT);
	out_reset();
	proc_show_matches("/proc/", "", &out_seq);
	assert_string_equal(out.p, "buddyinfo    device-tree  iomem        meminfo      zoneinfo\n");
	free(t.p);
	discard();
}

/* ---- zone numbers behind zoneinfo and meminfo ---- */

static const struct host_dt_region dma_normal[] = {
	{ 0x40000000, SZ_1G, 0, 0 }, { 0x100000000ULL, SZ_1G, 0, 0 },
};
static const struct host_dt_region two_nodes[] = {
	{ 0x40000000, SZ_1G, 0, 0 }, { 0x80000000, SZ_1G, 1, 0 },
};

static void boot_regions(const struct host_dt_region *r, int n, bool numa)
{
	size_t len;
	void *fdt = host_dt_build(r, n, numa, 0, "cma=0", &len);

	assert_non_null(fdt);
	boot_blob(fdt);
}

/*
 * Linux's lowmem_reserve: DMA keeps managed(DMA32 + Normal + ...)/256 from allocations that
 * could use the higher zones; totalreserve_pages adds each zone's high watermark to its
 * largest reserve. Movable, empty here, gets no minimum of its own.
 */
static void test_lowmem_reserve(void **state)
{
	struct zone *z;
	unsigned long normal, want, sum = 0;
	char line[128];
	int i;

	boot_regions(dma_normal, 2, false);
	z = NODE_DATA(0)->node_zones;
	normal = zone_managed_pages(&z[ZONE_NORMAL]);
	assert_true(normal > 0 && zone_managed_pages(&z[ZONE_DMA]) > 0);
	assert_int_equal(z[ZONE_DMA].lowmem_reserve[ZONE_DMA], 0);
	assert_int_equal(z[ZONE_DMA].lowmem_reserve[ZONE_DMA32], 0);
	assert_int_equal(z[ZONE_DMA].lowmem_reserve[ZONE_NORMAL], normal / 256);
	assert_int_equal(z[ZONE_DMA].lowmem_reserve[ZONE_MOVABLE], normal / 256);
	assert_int_equal(z[ZONE_DMA32].lowmem_reserve[ZONE_NORMAL], 0);	/* no pages */
	assert_int_equal(z[ZONE_NORMAL].lowmem_reserve[ZONE_MOVABLE], 0);
	assert_int_equal(min_wmark_pages(&z[ZONE_MOVABLE]), 0);
	assert_int_equal(high_wmark_pages(&z[ZONE_MOVABLE]), 0);
	for (i = 0; i < MAX_NR_ZONES; i++) {
		want = high_wmark_pages(&z[i]) + (i == ZONE_DMA ? normal / 256 : 0);
		sum += min(want, zone_managed_pages(&z[i]));
	}
	assert_int_equal(totalreserve_pages, sum);
	snprintf(line, sizeof(line), "        protection: (0, 0, %lu, %lu)\n", normal / 256,
		 normal / 256);
	assert_non_null(strstr(read_proc("/proc/zoneinfo"), line));
	assert_int_equal(si_mem_available(), (long)(nr_free_pages() - sum));
	discard();
}

/* numa_hit/miss/foreign/local/other: where each allocation landed against where it was meant. */
static void test_numa_events(void **state)
{
	struct zone *n0 = &NODE_DATA(0)->node_zones[ZONE_DMA], *n1;
	unsigned long hit0, hit1, other1;
	struct page *p;
	char line[64];

	boot_regions(two_nodes, 2, true);
	n0 = &NODE_DATA(0)->node_zones[ZONE_DMA];
	n1 = &NODE_DATA(1)->node_zones[ZONE_DMA];
	hit0 = n0->vm_numa_event[NUMA_HIT];
	hit1 = n1->vm_numa_event[NUMA_HIT];
	other1 = n1->vm_numa_event[NUMA_OTHER];
	p = alloc_pages_node(1, GFP_KERNEL | __GFP_THISNODE, 0);
	assert_non_null(p);
	assert_int_equal(page_to_nid(p), 1);
	assert_int_equal(n1->vm_numa_event[NUMA_HIT], hit1 + 1);
	assert_int_equal(n1->vm_numa_event[NUMA_OTHER], other1 + 1);	/* the CPU is on node 0 */
	__free_pages(p, 0);
	p = alloc_pages(GFP_KERNEL, 0);
	assert_int_equal(page_to_nid(p), 0);
	assert_int_equal(n0->vm_numa_event[NUMA_HIT], hit0 + 1);
	assert_int_equal(n0->vm_numa_event[NUMA_LOCAL], n0->vm_numa_event[NUMA_HIT]);
	__free_pages(p, 0);
	snprintf(line, sizeof(line), "      numa_hit     %lu\n", hit0 + 1);
	assert_non_null(strstr(read_proc("/proc/zoneinfo"), line));
	assert_int_equal(n0->vm_numa_event[NUMA_MISS] + n1->vm_numa_event[NUMA_MISS],
			 n0->vm_numa_event[NUMA_FOREIGN] + n1->vm_numa_event[NUMA_FOREIGN]);
	discard();
}

/* cat= on the command line prints the files at the end of boot, each line through printk. */
static void test_cat_boot_word(void **state)
{
	size_t len;
	void *fdt = host_dt_build(dma_normal, 1, false, 0,
				  "cat=/proc/buddyinfo,/sys/kernel/debug/memblock/memory,/proc/nope", &len);

	assert_non_null(fdt);
	boot_blob(fdt);
	assert_non_null(strstr(console_text(), "bootmem: cat /proc/buddyinfo\nNode 0, zone      DMA "));
	assert_non_null(strstr(console_text(), "bootmem: cat /sys/kernel/debug/memblock/memory\n"
			       "   0: 0x0000000040000000..0x000000007fffffff\n"));
	assert_non_null(strstr(console_text(), "bootmem: cat=/proc/nope: No such file or directory\n"));
	discard();
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_run_command_words),
		cmocka_unit_test(test_resource_tree),
		cmocka_unit_test(test_iomem_depth),
		cmocka_unit_test(test_iomem_covers_reserved),
		cmocka_unit_test(test_scenarios_against_linux),
		cmocka_unit_test(test_dt_commands),
		cmocka_unit_test(test_dt_all_properties),
		cmocka_unit_test(test_dt_kaslr_seed_zeroed),
		cmocka_unit_test(test_zoneinfo_format),
		cmocka_unit_test(test_zoneinfo_format_612),
		cmocka_unit_test(test_scenarios_against_linux_612),
		cmocka_unit_test(test_meminfo_format),
		cmocka_unit_test(test_hexdump_rules),
		cmocka_unit_test(test_paths),
		cmocka_unit_test(test_completion),
		cmocka_unit_test(test_lowmem_reserve),
		cmocka_unit_test(test_numa_events),
		cmocka_unit_test(test_cat_boot_word),
	};
	/* With 16 KiB pages only Linux 6.12-16k's files hold: the others are 4 KiB figures. */
	const struct CMUnitTest tests_16k[] = {
		cmocka_unit_test(test_scenarios_against_linux_612_16k),
	};
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	int ret;

	/* Run from the repository root: the binary is build/host/test_procfs. */
	if (n > 0) {
		char *s;

		exe[n] = 0;
		s = strstr(exe, "/build/host/");
		if (!s)
			s = strstr(exe, "/build-16k/host/");
		if (s) {
			*s = 0;
			if (chdir(exe))
				perror("chdir");
		}
	}
	if (PAGE_SHIFT == 14)
		return cmocka_run_group_tests(tests_16k, NULL, NULL);
	dt_linux = harness_read_file(LINUX_PROC "/dt-test.txt", &dt_linux_len);
	if (!dt_linux) {
		fprintf(stderr, "no " LINUX_PROC "/dt-test.txt (tests/linux-proc/regen.sh makes it)\n");
		return 1;
	}
	dt_linux_612 = harness_read_file(LINUX_PROC_612 "/dt-test.txt", &dt_linux_612_len);
	if (!dt_linux_612) {
		fprintf(stderr, "no " LINUX_PROC_612 "/dt-test.txt (LINUX=6.12 tests/linux-proc/regen.sh makes it)\n");
		return 1;
	}
	ret = cmocka_run_group_tests(tests, NULL, NULL);
	free(dt_linux_612);
	free(dt_linux);
	free(out.p);
	free(booted_fdt);
	return ret;
}
