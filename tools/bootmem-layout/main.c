// SPDX-License-Identifier: GPL-2.0
/*
 * bootmem-layout: Linux 6.1 (or 6.12) arm64's early memory layout for a device tree, computed
 * on the host by bootmem's own boot code. Options, input loading, one child process per layout
 * (the generic code keeps global state), text/JSON output and --diff.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <getopt.h>
#include <sys/wait.h>
#include <libfdt.h>
#include "harness.h"
#include <linux/sizes.h>
#include "host_boot.h"
#include "layout.h"
#include <linux/version.h>
#include <asm/image.h>
#include <asm/page-def.h>

#define EXIT_USAGE	2
#define DTC_PAD		4096

static const char usage_text[] =
"NAME\n"
"    bootmem-layout - Linux 6.1 or 6.12 arm64's early memory layout for a device tree, on the host\n"
"\n"
"SYNOPSIS\n"
"    bootmem-layout [OPTIONS] FILE.dtb|FILE.dts\n"
"    bootmem-layout [OPTIONS] --diff OTHER.dtb|OTHER.dts FILE.dtb|FILE.dts\n"
"    bootmem-layout [OPTIONS] --diff-linux FILE.dtb|FILE.dts\n"
"    bootmem-layout --ram SIZE[@BASE] [--check] [--svg MAP.svg] [--json] FILE.dtb\n"
"\n"
"DESCRIPTION\n"
"    Boots bootmem's memory bring-up (boot/, mm/, lib/ and arch/arm64/mm, the code the\n"
"    kernel runs) on simulated physical memory and prints what the kernel prints, in\n"
"    Linux's formats and order: reserved-memory messages, MEMBLOCK configuration, Zone\n"
"    ranges, Movable zone start, Early memory node ranges, Initmem setup, NUMA, the\n"
"    Memory: line, then buddyinfo after the hand-off to the buddy allocator.\n"
"    A .dts is compiled with dtc -p 4096, a .dtb is read byte for byte, as run-qemu.sh\n"
"    does; --append on a .dtb that libfdt cannot edit without rewriting it is dropped\n"
"    (said on stderr).\n"
"\n"
"OPTIONS\n"
"    --append \"ARGS\"    the kernel command line (/chosen/bootargs), e.g.\n"
"                       \"mem=2G movable_node cma=64M memblock=debug\"\n"
"    --linux 6.1|6.12   the Linux to follow (the kernel word linux=VERSION; default 6.1;\n"
"                       built with 16 KiB pages, make PAGE_SIZE=16K: 6.12 only)\n"
"    --kernel-at ADDR   physical load address of the Image (default: QEMU's choice,\n"
"                       the first memory range's 2 MiB-aligned base + 2 MiB)\n"
"    --kernel-size SIZE the Image's image_size, _text to _end (default Debian's: 0x2010000\n"
"                       for Linux 6.1, 0x2b30000 for 6.12, 0x2be0000 for 6.12 arm64-16k):\n"
"                       where the loader puts things and the footprint reserved; the kernel\n"
"                       word kernel_size=SIZE (in --append) sets the footprint alone\n"
"    --dtb-at ADDR      physical address of the DTB (default: base + min(size/2, 128M))\n"
"    --initrd-size SIZE an initrd of SIZE bytes, named in /chosen/linux,initrd-start and -end:\n"
"                       where QEMU's loader puts one (the DTB's place; the DTB goes after it)\n"
"    --initrd-at ADDR   ... or at ADDR (the DTB stays where it was)\n"
"    --timestamps       prefix each line with \"[    0.000000] \" (for compare-layout.py)\n"
"    --json             memory/reserved regions, nodes, zones, CMA, totals, buddyinfo,\n"
"                       where the RAM went, who owns each page, --check's findings and\n"
"                       the messages, as JSON\n"
"    --diff OTHER       the layouts of OTHER and FILE side by side, differences marked\n"
"                       ('|' changed, '<' only in OTHER, '>' only in FILE)\n"
"    --diff-linux       FILE under Linux 6.1 (left) and Linux 6.12 (right), side by side\n"
"    --ram SIZE[@BASE]  fill the memory node in as the boot loader would (repeatable, one\n"
"                       bank each): U-Boot's fdt_fixup_memory_banks() writes the banks into\n"
"                       the first /memory node (created if missing) with the root's\n"
"                       #address-cells/#size-cells; without @BASE a bank starts where the\n"
"                       DT's memory node says, or after the previous bank. On a Raspberry\n"
"                       Pi tree one --ram SIZE is filled in as the Pi firmware does: the\n"
"                       first GiB less gpu_mem (the VideoCore's), on a BCM2711 the rest up\n"
"                       to the I/O window at 0xfc000000 and above 4 GiB in 2 GiB tuples,\n"
"                       and /memreserve/ 0 0x1000 for the firmware's stub. With --diff\n"
"                       both trees are filled in\n"
"    --gpu-mem SIZE     the Pi firmware's gpu_mem (default 76M from 1 GiB of RAM, else 64M)\n"
"    --save-dtb OUT     write the DTB as the kernel gets it (after --ram and --append)\n"
"    --check            report the pitfalls Linux 6.1 would hit with this DT (CMA that\n"
"                       cannot be placed, overlapping or refused reserved-memory, more than\n"
"                       64 regions, no-map splitting linear-map blocks, memory beyond DMA\n"
"                       reach or the linear map) and where the RAM went, instead of the\n"
"                       kernel's log; exit status 1 if there is a warning\n"
"    --svg FILE         draw the physical memory map (with --diff: both)\n"
"    --efi-memmap MAP   boot as through UEFI: memory comes from MAP, a UEFI memory map,\n"
"                       as Linux's efi_init/reserve_regions take it (usable RAM, NOMAP\n"
"                       for the rest); FILE is the firmware's device tree, which gets\n"
"                       the EFI stub's /chosen properties and loses its /memreserve/.\n"
"                       MAP is one of:\n"
"                       - a Linux 6.1 console log booted with efi=debug (raw, or the\n"
"                         report of scripts/linux-firmware.sh): its \"efi:\" lines give\n"
"                         the descriptors, the system table and memory map addresses,\n"
"                         descriptor size, vendor, revision and configuration tables;\n"
"                         with memblock=debug also where the stub put the kernel and the\n"
"                         DTB and what MEMATTR and MEMRESERVE reserved;\n"
"                       - JSON: {\"memmap\": [{\"type\": \"Conventional\" | 7,\n"
"                         \"start\": \"0x40000000\", \"end\": \"0x43ffffff\" | \"pages\": N,\n"
"                         \"attr\": [\"WB\", \"RUN\", ...] | \"0x...\"}, ...],\n"
"                         optional \"desc_size\" (48), \"desc_version\" (1), \"vendor\",\n"
"                         \"revision\" (\"2.70\"), \"system_table\", \"memmap_address\",\n"
"                         \"kernel_stext\", \"dtb\" (addresses; numbers or \"0x\" strings).\n"
"                       Type names are Linux's (\"Reserved\", \"Loader Code\", \"Loader Data\",\n"
"                       \"Boot Code\", \"Boot Data\", \"Runtime Code\", \"Runtime Data\",\n"
"                       \"Conventional\", \"Unusable\", \"ACPI Reclaim\", \"ACPI Mem NVS\",\n"
"                       \"MMIO\", \"MMIO Port\", \"PAL Code\", \"Persistent\"); attributes RUN HP\n"
"                       MR CC SP NV XP RP WP RO UCE WB WT WC UC. Without the kernel's place\n"
"                       it is the Loader Code range of its size; without the DTB's, a\n"
"                       2 MiB Loader Data range (else --kernel-at / --dtb-at).\n"
"    -h, --help         this text\n"
"\n"
"    ADDR and SIZE take 0x... and K/M/G suffixes. Memory must lie below 4 TiB.\n"
"\n"
"EXIT STATUS\n"
"    0 the layout was printed (--diff: also when the layouts differ); 1 --check found a\n"
"    warning; 2 on a usage error or an unusable device tree (the kernel's message is\n"
"    printed, as it would panic; an empty memory node says which --ram would fill it).\n"
"\n"
"JSON\n"
"    --json prints one object, \"schema\": \"bootmem-layout/1\", described (and validated\n"
"    by the tests) in docs/bootmem-layout.schema.json.\n"
"\n"
"EXAMPLES\n"
"    bootmem-layout --ram 4G bcm2711-rpi-4-b.dtb          # a Pi 4 with 4 GiB\n"
"    bootmem-layout --ram 2G@0x40000000 --check --svg map.svg sun50i-a64-pine64-plus.dtb\n"
"    bootmem-layout --efi-memmap tests/expected-firmware/edk2/virt-1g.txt virt.dtb\n";

static void die_usage(const char *msg)
{
	if (msg)
		fprintf(stderr, "bootmem-layout: %s\n", msg);
	fprintf(stderr, "Usage: bootmem-layout [--append ARGS] [--linux 6.1|6.12] [--kernel-at ADDR]\n"
			"       [--kernel-size SIZE] [--initrd-size SIZE [--initrd-at ADDR]]\n"
			"       [--dtb-at ADDR] [--timestamps] [--json] [--diff OTHER | --diff-linux]\n"
			"       [--ram SIZE[@BASE]] [--gpu-mem SIZE] [--check] [--svg FILE] [--save-dtb OUT]\n"
			"       [--efi-memmap MAP] FILE  (--help)\n");
	exit(EXIT_USAGE);
}

static uint64_t parse_size(const char *opt, const char *s)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s)
		goto bad;
	switch (*end) {
	case 'k': case 'K': v <<= 10; end++; break;
	case 'm': case 'M': v <<= 20; end++; break;
	case 'g': case 'G': v <<= 30; end++; break;
	case 't': case 'T': v <<= 40; end++; break;
	}
	if (*end)
		goto bad;
	return v;
bad:
	fprintf(stderr, "bootmem-layout: %s: bad value '%s'\n", opt, s);
	exit(EXIT_USAGE);
}

static char *read_all(FILE *f, size_t *len)
{
	size_t cap = 1 << 16, n = 0, r;
	char *buf = malloc(cap + 1);

	while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n == cap) {
			char *nb = cap < (64u << 20) ? realloc(buf, 2 * cap + 1) : NULL;

			if (!nb) {
				free(buf);
				return NULL;
			}
			buf = nb;
			cap *= 2;
		}
	}
	if (buf)
		buf[n] = 0;
	*len = n;
	return buf;
}

/* dtc -O dtb -p 4096, as run-qemu.sh prepares a tree; NULL if dtc refuses it. */
static char *run_dtc(const char *path, const char *in_fmt, size_t *len)
{
	char *cmd, *out;
	FILE *p;
	int st;

	if (asprintf(&cmd, "dtc -q -I %s -O dtb -p %d -o - '%s' 2>/dev/null", in_fmt, DTC_PAD,
		     path) < 0)
		return NULL;
	if (strchr(path, '\'')) {
		free(cmd);
		return NULL;
	}
	p = popen(cmd, "r");
	free(cmd);
	if (!p)
		return NULL;
	out = read_all(p, len);
	st = pclose(p);
	if (st || !out || !*len) {
		free(out);
		return NULL;
	}
	return out;
}

/*
 * Why libfdt cannot add a property to @blob without changing anything else (its rewrite
 * would repair or reorder): NULL if it can. A version 17 blob that passes fdt_check_full,
 * whose /memreserve/ map ends before the structure block and whose blocks are in libfdt's
 * order is only copied by fdt_open_into.
 */
static const char *dtb_edit_refused(const char *blob, size_t len)
{
	int err = fdt_check_full(blob, len), rsv;

	if (err)
		return fdt_strerror(err);
	if (fdt_version(blob) != 17)
		return "not a version 17 blob";
	rsv = fdt_num_mem_rsv(blob);
	if (fdt_off_mem_rsvmap(blob) % 8 || rsv < 0 ||
	    fdt_off_dt_struct(blob) < fdt_off_mem_rsvmap(blob) + (rsv + 1) * 16ULL ||
	    fdt_off_dt_strings(blob) < fdt_off_dt_struct(blob) + fdt_size_dt_struct(blob))
		return "its /memreserve/ map or blocks are not laid out as libfdt writes them";
	return NULL;
}

/* The file as it is, or exit. */
static char *read_path(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *blob = f ? read_all(f, len) : NULL;

	if (f)
		fclose(f);
	if (!blob) {
		fprintf(stderr, "bootmem-layout: %s: cannot read\n", path);
		exit(EXIT_USAGE);
	}
	return blob;
}

/*
 * The blob as the kernel would get it from run-qemu.sh: a .dts compiled; a .dtb byte for
 * byte, with --append's bootargs added when libfdt can do that without rewriting anything
 * else (else as it is, and said: run-qemu.sh does the same).
 */
static char *load_input(const char *path, const char *append, size_t *len)
{
	size_t n = strlen(path);
	bool dts = n > 4 && !strcmp(path + n - 4, ".dts");
	char *blob = NULL, *big;
	const char *why;

	if (access(path, R_OK)) {
		fprintf(stderr, "bootmem-layout: %s: %s\n", path, strerror(errno));
		exit(EXIT_USAGE);
	}
	if (dts) {
		blob = run_dtc(path, "dts", len);
		if (!blob) {
			fprintf(stderr, "bootmem-layout: %s: dtc cannot compile it\n", path);
			exit(EXIT_USAGE);
		}
	} else {
		blob = read_path(path, len);
		if (*len >= 8 && fdt_magic(blob) == FDT_MAGIC && fdt_totalsize(blob) > *len)
			fprintf(stderr, "bootmem-layout: %s: truncated: header totalsize %#x, file %#zx bytes\n",
				path, fdt_totalsize(blob), *len);
		if (!append)
			return blob;
		why = dtb_edit_refused(blob, *len);
		if (why) {
			fprintf(stderr, "bootmem-layout: %s cannot take bootargs (%s): laid out unchanged, without \"%s\"\n",
				path, why, append);
			return blob;
		}
		n = fdt_totalsize(blob) + strlen(append) + 256;
		big = calloc(1, n);
		if (!big || fdt_open_into(blob, big, n)) {
			fprintf(stderr, "bootmem-layout: %s: cannot copy the blob\n", path);
			exit(EXIT_USAGE);
		}
		free(blob);
		blob = big;
		*len = n;
	}
	if (append && fdt_path_offset(blob, "/") >= 0) {
		int chosen = fdt_path_offset(blob, "/chosen");

		if (chosen < 0)
			chosen = fdt_add_subnode(blob, 0, "chosen");
		if (chosen < 0 || fdt_setprop_string(blob, chosen, "bootargs", append)) {
			fprintf(stderr, "bootmem-layout: %s: cannot set /chosen/bootargs\n", path);
			exit(EXIT_USAGE);
		}
	}
	return blob;
}

/*
 * --initrd-size (and --initrd-at): an initrd as QEMU's loader places one (where the DTB would
 * go, the DTB after it, 2 MiB aligned) or at the address given, named in /chosen.
 */
static void add_initrd(struct bml_opts *o, uint64_t at, uint64_t size)
{
	u64 kat, dat;
	uint64_t end;
	int chosen;
	fdt64_t v;

	if (fdt_path_offset(o->blob, "/") < 0) {
		fprintf(stderr, "bootmem-layout: %s: not a tree that can take /chosen initrd properties\n",
			o->name);
		exit(EXIT_USAGE);
	}
	host_default_placement(o->blob, o->blob_len,
			       o->kernel_size != ~0ULL ? o->kernel_size :
			       linux_image_size(linux_version_from_cmdline(o->append)), &kat, &dat);
	if (at == ~0ULL) {
		at = o->dtb_at != ~0ULL ? o->dtb_at : dat;
		if (o->dtb_at == ~0ULL)
			o->dtb_at = (at + size + SZ_2M - 1) & ~(uint64_t)(SZ_2M - 1);
	}
	end = at + size;
	chosen = fdt_path_offset(o->blob, "/chosen");
	if (chosen < 0)
		chosen = fdt_add_subnode(o->blob, 0, "chosen");
	v = cpu_to_fdt64(at);
	if (chosen < 0 || fdt_setprop(o->blob, chosen, "linux,initrd-start", &v, sizeof(v)))
		goto fail;
	v = cpu_to_fdt64(end);
	if (fdt_setprop(o->blob, chosen, "linux,initrd-end", &v, sizeof(v)))
		goto fail;
	return;
fail:
	fprintf(stderr, "bootmem-layout: %s: cannot set the /chosen initrd properties\n", o->name);
	exit(EXIT_USAGE);
}

/* "linux=VERSION ARGS": the command line that follows @version (NULL: @append as it is). */
static const char *with_linux(const char *version, const char *append)
{
	static char lines[2][2100];
	static int n;
	char *s = lines[n++ & 1];

	if (!version)
		return append;
	snprintf(s, sizeof(lines[0]), "linux=%s%s%s", version, append ? " " : "",
		 append ? append : "");
	return s;
}

/* Strips the "[    0.000000] " printk prefixes. */
static char *strip_timestamps(const char *log)
{
	char *out = malloc(strlen(log) + 1), *o = out;

	while (out && *log) {
		if (*log == '[') {
			const char *e = strchr(log, ']');

			if (e && e[1] == ' ' && e - log <= 16)
				log = e + 2;
		}
		while (*log && *log != '\n')
			*o++ = *log++;
		if (*log)
			*o++ = *log++;
	}
	if (out)
		*o = 0;
	return out;
}

/* In the child: boot, then print the report on stdout (and the map for --svg). */
static int child_run(struct bml_opts *o)
{
	int st = bml_run(o);
	char *log = strdup(console_capture());
	char *plain = log ? strip_timestamps(log) : NULL;
	struct bml_map map, *m = NULL;

	if (st == BML_EXIT_OK) {
		bml_map_collect(&map, o);
		m = &map;
		if (o->check)
			st = bml_check(o, m);
		if (o->map_out) {
			bml_map_write(m, o->map_out);
			fflush(o->map_out);
		}
	}
	if (o->json) {
		bml_report_json(plain ? plain : "", st, m, o->check);
	} else if (o->check && m) {
		printf("bootmem-layout --check: %s\n", o->name);
		bml_check_print(stdout, m);
	} else {
		fputs(o->timestamps ? log : (plain ? plain : ""), stdout);
	}
	free(plain);
	free(log);
	fflush(stdout);
	return st;
}

/* Runs one layout in a child; its stdout into *out (if out) or straight through. */
static int run_layout(struct bml_opts *o, char **out)
{
	int fd[2], st;
	pid_t pid;
	FILE *f;
	size_t len;

	fflush(stdout);
	if (out && pipe(fd))
		return perror("pipe"), EXIT_USAGE;
	pid = fork();
	if (pid < 0)
		return perror("fork"), EXIT_USAGE;
	if (!pid) {
		if (out) {
			dup2(fd[1], 1);
			close(fd[0]);
			close(fd[1]);
		}
		_exit(child_run(o));
	}
	if (out) {
		close(fd[1]);
		f = fdopen(fd[0], "r");
		*out = f ? read_all(f, &len) : NULL;
		if (f)
			fclose(f);
	}
	if (waitpid(pid, &st, 0) < 0)
		return EXIT_USAGE;
	if (WIFSIGNALED(st)) {
		fprintf(stderr, "bootmem-layout: %s: crashed (signal %d)\n", o->name, WTERMSIG(st));
		return 3;
	}
	return WEXITSTATUS(st);
}

/* ---- --diff: the two texts aligned by their longest common subsequence ---- */

static int split_lines(char *s, char ***lines)
{
	int n = 0, cap = 64;
	char **v = malloc(cap * sizeof(*v));

	while (v && *s) {
		char *nl = strchr(s, '\n');

		if (n == cap)
			v = realloc(v, (cap *= 2) * sizeof(*v));
		if (!v)
			break;
		v[n++] = s;
		if (!nl)
			break;
		*nl = 0;
		s = nl + 1;
	}
	*lines = v;
	return v ? n : 0;
}

#define COLW	100

static void side(char mark, const char *l, const char *r)
{
	printf("%-*.*s %c %s\n", COLW, COLW, l ? l : "", mark, r ? r : "");
}

static void print_diff(char *a, char *b, const char *an, const char *bn)
{
	char **x, **y;
	int n = split_lines(a, &x), m = split_lines(b, &y), i, j, changes = 0;
	unsigned short *L = calloc((size_t)(n + 1) * (m + 1), sizeof(*L));

	if (!L || (long)n * m > 64L << 20) {
		fprintf(stderr, "bootmem-layout: --diff: outputs too long\n");
		exit(EXIT_USAGE);
	}
#define LCS(i, j) L[(size_t)(i) * (m + 1) + (j)]
	for (i = n - 1; i >= 0; i--)
		for (j = m - 1; j >= 0; j--)
			LCS(i, j) = !strcmp(x[i], y[j]) ? LCS(i + 1, j + 1) + 1 :
				    (LCS(i + 1, j) > LCS(i, j + 1) ? LCS(i + 1, j) : LCS(i, j + 1));
	side(' ', an, bn);
	for (i = j = 0; i < n || j < m;) {
		if (i < n && j < m && !strcmp(x[i], y[j])) {
			side(' ', x[i++], y[j++]);
		} else if (i < n && j < m && LCS(i + 1, j) == LCS(i, j + 1) &&
			   LCS(i + 1, j + 1) == LCS(i, j)) {
			side('|', x[i++], y[j++]);
			changes++;
		} else if (j >= m || (i < n && LCS(i + 1, j) >= LCS(i, j + 1))) {
			side('<', x[i++], NULL);
			changes++;
		} else {
			side('>', NULL, y[j++]);
			changes++;
		}
	}
#undef LCS
	printf("%d line%s differ\n", changes, changes == 1 ? "" : "s");
	free(L);
	free(x);
	free(y);
}

/* --ram SIZE[@BASE] */
static void parse_ram(struct bml_ram *r, const char *arg)
{
	char *copy = strdup(arg), *at = copy ? strchr(copy, '@') : NULL;

	if (!copy)
		exit(EXIT_USAGE);
	if (at)
		*at = 0;
	r->size = parse_size("--ram", copy);
	r->has_base = at;
	r->base = at ? parse_size("--ram", at + 1) : 0;
	if (!r->size) {
		fprintf(stderr, "bootmem-layout: --ram: bad value '%s' (a size above 0)\n", arg);
		exit(EXIT_USAGE);
	}
	free(copy);
}

/* The input as the kernel would get it: compiled or re-packed, bootargs, --ram filled in. */
static void prepare(struct bml_opts *o, const struct bml_ram *ram, uint64_t gpu_mem)
{
	o->blob = load_input(o->name, o->append, &o->blob_len);
	if (o->nram &&
	    bml_fill_ram(o->name, &o->blob, &o->blob_len, ram, o->nram, gpu_mem, &o->fill))
		exit(EXIT_USAGE);
}

static int save_dtb(const char *path, const struct bml_opts *o)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(o->blob, 1, o->blob_len, f) != o->blob_len || fclose(f)) {
		fprintf(stderr, "bootmem-layout: --save-dtb %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* The maps the children wrote (--diff: @a OTHER's, @b FILE's), drawn here. */
static int draw_svg(const char *path, FILE *a, FILE *b)
{
	struct bml_map ma, mb;
	FILE *out;
	int err = -1;

	rewind(a);
	if (b)
		rewind(b);
	if (bml_map_read(&ma, a) || (b && bml_map_read(&mb, b))) {
		fprintf(stderr, "bootmem-layout: --svg %s: no layout to draw\n", path);
		return -1;
	}
	out = fopen(path, "w");
	if (out && !bml_svg(out, &ma, b ? &mb : NULL) && !fclose(out))
		err = 0;
	else
		fprintf(stderr, "bootmem-layout: --svg %s: cannot write\n", path);
	bml_map_free(&ma);
	if (b)
		bml_map_free(&mb);
	return err;
}

static FILE *map_file(void)
{
	FILE *f = tmpfile();

	if (!f) {
		perror("bootmem-layout: --svg: tmpfile");
		exit(EXIT_USAGE);
	}
	return f;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "append", required_argument, NULL, 'a' },
		{ "kernel-at", required_argument, NULL, 'k' },
		{ "kernel-size", required_argument, NULL, 's' },
		{ "dtb-at", required_argument, NULL, 'd' },
		{ "initrd-at", required_argument, NULL, 'i' },
		{ "initrd-size", required_argument, NULL, 'I' },
		{ "timestamps", no_argument, NULL, 't' },
		{ "json", no_argument, NULL, 'j' },
		{ "diff", required_argument, NULL, 'D' },
		{ "linux", required_argument, NULL, 'L' },
		{ "diff-linux", no_argument, NULL, 'V' },
		{ "ram", required_argument, NULL, 'r' },
		{ "gpu-mem", required_argument, NULL, 'g' },
		{ "check", no_argument, NULL, 'c' },
		{ "svg", required_argument, NULL, 'S' },
		{ "save-dtb", required_argument, NULL, 'o' },
		{ "efi-memmap", required_argument, NULL, 'E' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct bml_opts o = { .kernel_at = ~0ULL, .kernel_size = ~0ULL, .dtb_at = ~0ULL };
	struct bml_ram ram[BML_MAX_BANKS];
	const char *other = NULL, *svg = NULL, *saved = NULL, *efi_map = NULL;
	const char *linux_ver = NULL, *append;
	static struct bml_efi efi;
	uint64_t initrd_at = ~0ULL, initrd_size = 0, gpu_mem = 0, dtb_at;
	bool diff_linux = false;
	int c;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'a': o.append = optarg; break;
		case 'k': o.kernel_at = parse_size("--kernel-at", optarg); break;
		case 's': o.kernel_size = parse_size("--kernel-size", optarg); break;
		case 'd': o.dtb_at = parse_size("--dtb-at", optarg); break;
		case 'i': initrd_at = parse_size("--initrd-at", optarg); break;
		case 'I': initrd_size = parse_size("--initrd-size", optarg); break;
		case 't': o.timestamps = true; break;
		case 'j': o.json = true; break;
		case 'D': other = optarg; break;
		case 'L': linux_ver = optarg; break;
		case 'V': diff_linux = true; break;
		case 'r':
			if (o.nram == BML_MAX_BANKS)
				die_usage("--ram: at most 16 banks");
			parse_ram(&ram[o.nram++], optarg);
			break;
		case 'g': gpu_mem = parse_size("--gpu-mem", optarg); break;
		case 'c': o.check = true; break;
		case 'S': svg = optarg; break;
		case 'o': saved = optarg; break;
		case 'E': efi_map = optarg; break;
		case 'h': fputs(usage_text, stdout); return 0;
		default: die_usage(NULL);
		}
	}
	if (optind != argc - 1)
		die_usage(optind >= argc ? "no device tree given" : "one device tree, please");
	if (o.append && strlen(o.append) >= 2048)
		die_usage("--append: longer than the kernel's command line");
	if ((other || diff_linux) && o.json)
		die_usage("--diff and --json do not go together");
	if (linux_ver && strcmp(linux_ver, "6.1") && strcmp(linux_ver, "6.12"))
		die_usage("--linux: 6.1 or 6.12");
	if (diff_linux && (other || linux_ver))
		die_usage("--diff-linux compares 6.1 with 6.12: no --diff or --linux with it");
	/* make PAGE_SIZE=16K: Debian ships Linux 6.12 only with 16 KiB pages. */
	if (PAGE_SHIFT == 14 && (diff_linux || (linux_ver && strcmp(linux_ver, "6.12"))))
		die_usage("this bootmem-layout has 16 KiB pages (make PAGE_SIZE=16K): Linux 6.12 only, there is no Debian 6.1 with 16 KiB pages");
	if ((other || diff_linux) && o.check)
		die_usage("--check takes one device tree, not --diff");
	if ((other || diff_linux) && saved)
		die_usage("--save-dtb takes one device tree, not --diff");

	if (initrd_at != ~0ULL && !initrd_size)
		die_usage("--initrd-at needs --initrd-size");

	if (efi_map) {
		FILE *f = fopen(efi_map, "r");
		size_t len;
		char *text = f ? read_all(f, &len) : NULL;

		if (f)
			fclose(f);
		if (!text) {
			fprintf(stderr, "bootmem-layout: --efi-memmap %s: %s\n", efi_map,
				f ? "cannot read" : strerror(errno));
			return EXIT_USAGE;
		}
		/* the log is the followed Linux's; with --diff-linux, either's */
		if (bml_efi_load(text, &efi, diff_linux ? 0 :
				 linux_version_from_cmdline(with_linux(linux_ver, o.append)))) {
			fprintf(stderr, "bootmem-layout: --efi-memmap %s: %s\n", efi_map, bml_efi_error());
			free(text);
			return EXIT_USAGE;
		}
		free(text);
		o.efi = &efi;
	}
	o.name = argv[optind];
	append = o.append;
	o.append = with_linux(diff_linux ? "6.12" : linux_ver, append);
	prepare(&o, ram, gpu_mem);
	dtb_at = o.dtb_at;
	/* After --ram: the initrd goes where the filled-in memory puts the DTB. */
	if (initrd_size)
		add_initrd(&o, initrd_at, initrd_size);
	if (saved && save_dtb(saved, &o))
		return EXIT_USAGE;
	if (other || diff_linux) {
		struct bml_opts p = o;
		char *a = NULL, *b = NULL;
		int sa, sb;

		p.name = diff_linux ? o.name : other;
		if (diff_linux)
			p.append = with_linux("6.1", append);
		prepare(&p, ram, gpu_mem);
		/* --diff-linux: the same tree, so the same initrd, placed for 6.1's image. */
		p.dtb_at = dtb_at;
		if (diff_linux && initrd_size)
			add_initrd(&p, initrd_at, initrd_size);
		p.timestamps = o.timestamps = false;
		if (svg) {
			p.map_out = map_file();
			o.map_out = map_file();
		}
		sa = run_layout(&p, &a);
		sb = run_layout(&o, &b);
		if (!a || !b)
			return EXIT_USAGE;
		if (diff_linux)
			print_diff(a, b, "linux=6.1", "linux=6.12");
		else
			print_diff(a, b, other, o.name);
		if (svg && draw_svg(svg, p.map_out, o.map_out))
			return sa ? sa : sb ? sb : EXIT_USAGE;
		free(a);
		free(b);
		free(p.blob);
		free(o.blob);
		return sa ? sa : sb;
	}
	if (svg)
		o.map_out = map_file();
	c = run_layout(&o, NULL);
	if (svg && draw_svg(svg, o.map_out, NULL))
		c = c ? c : EXIT_USAGE;
	free(o.blob);
	return c;
}
