// SPDX-License-Identifier: GPL-2.0
/*
 * A small read-only tree at Linux's paths: /proc/{iomem,zoneinfo,buddyinfo,meminfo},
 * /sys/kernel/debug/memblock/{memory,reserved} and the live device tree as Linux's sysfs
 * shows it (/sys/firmware/devicetree/base, /proc/device-tree), with busybox's cat, ls and
 * hexdump -C over it, printing what they print on Linux, errors included.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/sort.h>
#include <linux/memblock.h>
#include <linux/ioport.h>
#include <linux/vmstat.h>
#include <linux/of_fdt.h>
#include <linux/seq_file.h>
#include <linux/proc_fs.h>
#include <libfdt.h>

/* ---- the tree ---- */

enum pfs_type { PFS_DIR, PFS_FILE, PFS_LINK };

struct pfs_entry {
	const char *name;
	enum pfs_type type;
	const struct pfs_entry *children;	/* PFS_DIR; NULL: the device tree's root */
	void (*show)(struct seq_file *m);	/* PFS_FILE */
	const char *target;			/* PFS_LINK: an absolute path */
};

static void show_memblock_memory(struct seq_file *m)
{
	memblock_debug_show(m, &memblock.memory);
}

static void show_memblock_reserved(struct seq_file *m)
{
	memblock_debug_show(m, &memblock.reserved);
}

static const struct pfs_entry memblock_dir[] = {
	{ "memory", PFS_FILE, .show = show_memblock_memory },
	{ "reserved", PFS_FILE, .show = show_memblock_reserved },
	{ }
};
static const struct pfs_entry debug_dir[] = { { "memblock", PFS_DIR, memblock_dir }, { } };
static const struct pfs_entry kernel_dir[] = { { "debug", PFS_DIR, debug_dir }, { } };
static const struct pfs_entry devicetree_dir[] = { { "base", PFS_DIR, NULL }, { } };
/* Linux also has /sys/firmware/fdt, the raw blob; bootmem keeps to the unflattened view. */
static const struct pfs_entry firmware_dir[] = { { "devicetree", PFS_DIR, devicetree_dir }, { } };
static const struct pfs_entry sys_dir[] = {
	{ "firmware", PFS_DIR, firmware_dir },
	{ "kernel", PFS_DIR, kernel_dir },
	{ }
};
static const struct pfs_entry proc_dir[] = {
	{ "buddyinfo", PFS_FILE, .show = frag_show },
	{ "device-tree", PFS_LINK, .target = "/sys/firmware/devicetree/base" },
	{ "iomem", PFS_FILE, .show = iomem_show },
	{ "meminfo", PFS_FILE, .show = meminfo_proc_show },
	{ "zoneinfo", PFS_FILE, .show = zoneinfo_show },
	{ }
};
static const struct pfs_entry root_dir[] = {
	{ "proc", PFS_DIR, proc_dir },
	{ "sys", PFS_DIR, sys_dir },
	{ }
};
static const struct pfs_entry pfs_root = { "/", PFS_DIR, root_dir };

#define PROP_NONE	(-1)	/* a device tree node: a directory */
#define PROP_NAME	(-2)	/* the "name" property Linux makes up for a node without one */

/* A resolved path: a static entry, or inside the device tree a node or one of its properties. */
struct pfs_node {
	const struct pfs_entry *e;	/* NULL inside the device tree */
	int dt;				/* the DT node (the directory, or the property's node) */
	int prop;			/* the property's offset, PROP_NONE or PROP_NAME */
};

static bool pfs_is_dir(const struct pfs_node *n)
{
	return n->e ? n->e->type == PFS_DIR : n->prop == PROP_NONE;
}

/* ---- the device tree as Linux's of_core_init() puts it in sysfs ---- */

/* One name in a directory; a name Linux had to rename carries its "#N" (safe_name()). */
struct pfs_dirent {
	const char *name;
	int suffix;
	bool dir;
	struct pfs_node node;
};

/* Enough for the largest board trees; a directory with more lists the first ones. */
#define PFS_MAX_DIRENTS	1024
static struct pfs_dirent dirents[PFS_MAX_DIRENTS];

#define PFS_NAME_MAX	256	/* a longer name is shown cut (Linux's NAME_MAX is 255) */

static void dirent_name(const struct pfs_dirent *d, char *buf, size_t size)
{
	if (d->suffix)
		snprintf(buf, size, "%s#%d", d->name, d->suffix);
	else
		snprintf(buf, size, "%s", d->name);
}

/* Linux's early_init_dt_scan_chosen() cut rng-seed out of the blob so it cannot be read twice. */
static int dt_hidden_rng_seed(const void *fdt)
{
	int node = fdt_path_offset(fdt, "/chosen"), off;

	if (node < 0)
		node = fdt_path_offset(fdt, "/chosen@0");
	if (node < 0)
		return PROP_NONE;
	fdt_for_each_property_offset(off, fdt, node) {
		const char *name;
		int len;

		if (fdt_getprop_by_offset(fdt, off, &name, &len) && !strcmp(name, "rng-seed"))
			return len > 0 ? off : PROP_NONE;
	}
	return PROP_NONE;
}

/*
 * arm64's kaslr_early_init() zeroes /chosen/kaslr-seed once it has used it, unless the
 * command line in the DT says nokaslr (only its first "nokaslr" counts, at a word start).
 */
static int dt_zeroed_kaslr_seed(const void *fdt)
{
	int node = fdt_path_offset(fdt, "/chosen"), off, len;
	const char *args, *s;

	if (node < 0)
		return PROP_NONE;
	args = fdt_getprop(fdt, node, "bootargs", &len);
	if (args && len > 0 && strnlen(args, len) < (size_t)len) {
		s = strstr(args, "nokaslr");
		if (s && (s == args || s[-1] == ' '))
			return PROP_NONE;
	}
	fdt_for_each_property_offset(off, fdt, node) {
		const char *name;

		if (fdt_getprop_by_offset(fdt, off, &name, &len) && !strcmp(name, "kaslr-seed"))
			return len == 8 ? off : PROP_NONE;
	}
	return PROP_NONE;
}

/* Is @d's shown name @name (@len bytes)? Without building it: renamed ones are rare. */
static bool dirent_is(const struct pfs_dirent *d, const char *name, size_t len)
{
	char buf[PFS_NAME_MAX + 8];

	if (!d->suffix)
		return !strncmp(d->name, name, len) && !d->name[len];
	if (d->name[0] != name[0])
		return false;
	dirent_name(d, buf, sizeof(buf));
	return strlen(buf) == len && !memcmp(buf, name, len);
}

/* Is @cand the (possibly renamed) name of one of the first @n entries? */
static bool dirent_taken(int n, const char *cand)
{
	size_t len = strlen(cand);
	int j;

	for (j = 0; j < n; j++)
		if (dirent_is(&dirents[j], cand, len))
			return true;
	return false;
}

/* Linux's safe_name(): a taken name becomes name#1, name#2, ... (16 tries, then as is). */
static void dirent_add(int *n, const char *name, bool dir, const struct pfs_node *node)
{
	char cand[PFS_NAME_MAX + 8];
	struct pfs_dirent *d;

	if (*n == PFS_MAX_DIRENTS)
		return;
	d = &dirents[*n];
	d->name = name;
	d->suffix = 0;
	d->dir = dir;
	d->node = *node;
	if (dirent_taken(*n, name)) {
		do {
			d->suffix++;
			dirent_name(d, cand, sizeof(cand));
		} while (d->suffix < 16 && dirent_taken(*n, cand));
	}
	(*n)++;
}

/*
 * A node's sysfs directory in creation order: its properties as the blob has them (the
 * made-up "name" last), then its child nodes, each named by its full name with the unit
 * address. Fills dirents[]; returns how many.
 */
static int dt_dirents(int node)
{
	const void *fdt = initial_boot_params;
	int rng = dt_hidden_rng_seed(fdt), off, child, n = 0;
	bool has_name = false;
	struct pfs_node pn = { NULL, node, PROP_NONE };

	fdt_for_each_property_offset(off, fdt, node) {
		const char *name;
		int len;

		if (!fdt_getprop_by_offset(fdt, off, &name, &len) || !name || off == rng)
			continue;
		if (!strcmp(name, "name"))
			has_name = true;
		pn.prop = off;
		dirent_add(&n, name, false, &pn);
	}
	if (!has_name) {
		pn.prop = PROP_NAME;
		dirent_add(&n, "name", false, &pn);
	}
	fdt_for_each_subnode(child, fdt, node) {
		const char *name = fdt_get_name(fdt, child, NULL);

		if (!name)
			continue;
		pn.dt = child;
		pn.prop = PROP_NONE;
		dirent_add(&n, name, true, &pn);
	}
	if (n == PFS_MAX_DIRENTS)
		bm_warn("procfs: node %s has more than %d entries; the rest are not shown\n",
			fdt_get_name(fdt, node, NULL) ? : "?", PFS_MAX_DIRENTS);
	return n;
}

static int static_dirents(const struct pfs_entry *dir)
{
	const struct pfs_entry *e;
	int n = 0;

	for (e = dir->children; e->name; e++) {
		struct pfs_node pn = { e, 0, PROP_NONE };

		if (!e->children && e->type == PFS_DIR) {	/* the DT's root */
			if (!initial_boot_params)
				continue;
			pn.e = NULL;
			pn.dt = 0;
		}
		dirent_add(&n, e->name, e->type == PFS_DIR, &pn);
	}
	return n;
}

/* The entries of directory @dir into dirents[]. */
static int pfs_dirents(const struct pfs_node *dir)
{
	return dir->e ? static_dirents(dir->e) : dt_dirents(dir->dt);
}

/* ---- paths ---- */

#define PFS_MAX_DEPTH	128
#define PFS_MAX_LINKS	8

struct pfs_walk {
	struct pfs_node stack[PFS_MAX_DEPTH];
	int sp, links;
};

static int pfs_lookup(const struct pfs_node *dir, const char *name, size_t len,
		      struct pfs_node *out)
{
	int n = pfs_dirents(dir), i;

	for (i = 0; i < n; i++) {
		if (dirent_is(&dirents[i], name, len)) {
			*out = dirents[i].node;
			return 0;
		}
	}
	return -ENOENT;
}

/* Follow @path from the walk's current directory (its top), links included. */
static int pfs_walk_path(struct pfs_walk *w, const char *path)
{
	const char *p = path, *q;
	struct pfs_node child;
	int err;

	for (;;) {
		while (*p == '/')
			p++;
		if (!*p)
			return 0;
		for (q = p; *q && *q != '/'; q++)
			;
		if (!pfs_is_dir(&w->stack[w->sp - 1]))
			return -ENOTDIR;
		if (q - p == 2 && p[0] == '.' && p[1] == '.') {
			if (w->sp > 1)
				w->sp--;
		} else if (!(q - p == 1 && p[0] == '.')) {
			err = pfs_lookup(&w->stack[w->sp - 1], p, q - p, &child);
			if (err)
				return err;
			if (child.e && child.e->type == PFS_LINK) {
				if (++w->links > PFS_MAX_LINKS)
					return -ELOOP;
				w->sp = 1;
				err = pfs_walk_path(w, child.e->target);
				if (err)
					return err;
			} else {
				if (w->sp == PFS_MAX_DEPTH)
					return -ENAMETOOLONG;
				w->stack[w->sp++] = child;
			}
		}
		p = q;
	}
}

/* Resolve @path (absolute, or relative to "/"); a trailing '/' wants a directory. */
static int pfs_resolve(const char *path, struct pfs_node *out)
{
	static struct pfs_walk w;
	size_t len = strlen(path);
	int err;

	if (!len)
		return -ENOENT;
	w.stack[0] = (struct pfs_node){ &pfs_root, 0, PROP_NONE };
	w.sp = 1;
	w.links = 0;
	err = pfs_walk_path(&w, path);
	if (err)
		return err;
	*out = w.stack[w.sp - 1];
	if (path[len - 1] == '/' && !pfs_is_dir(out))
		return -ENOTDIR;
	return 0;
}

const char *proc_strerror(int err)
{
	switch (err) {
	case -ENOENT:
		return "No such file or directory";
	case -ENOTDIR:
		return "Not a directory";
	case -EISDIR:
		return "Is a directory";
	case -ELOOP:
		return "Too many levels of symbolic links";
	case -ENAMETOOLONG:
		return "File name too long";
	default:
		return "Invalid argument";
	}
}

/* ---- reading a file ---- */

/* A property's bytes as Linux's sysfs file has them. */
static void dt_prop_read(const struct pfs_node *n, struct seq_file *m)
{
	static const char zeros[8];
	const void *fdt = initial_boot_params;
	const char *value, *name;
	int len;

	if (n->prop == PROP_NAME) {
		/* populate_properties(): the node name up to its last '@', and a NUL. */
		const char *full = fdt_get_name(fdt, n->dt, &len), *at = NULL, *p;

		if (!full || len < 0) {		/* a broken node: no name to show */
			full = "";
			len = 0;
		}
		for (p = full; p < full + len; p++)
			if (*p == '@')
				at = p;
		seq_write(m, full, at ? at - full : len);
		seq_putc(m, '\0');
		return;
	}
	value = fdt_getprop_by_offset(fdt, n->prop, &name, &len);
	if (!value || len <= 0)
		return;
	if (n->prop == dt_zeroed_kaslr_seed(fdt))
		value = zeros;
	seq_write(m, value, len);
}

int proc_read_file(const char *path, struct seq_file *m)
{
	struct pfs_node n;
	int err = pfs_resolve(path, &n);

	if (err)
		return err;
	if (pfs_is_dir(&n))
		return -EISDIR;
	if (n.e)
		n.e->show(m);
	else
		dt_prop_read(&n, m);
	return 0;
}

/* ---- cat ---- */

int proc_cmd_cat(int argc, char **argv, struct seq_file *m)
{
	int i, err, status = 0;

	if (argc < 2) {
		seq_puts(m, "bootmem: cat: which file? (there is no standard input to copy)\n");
		return 1;
	}
	for (i = 1; i < argc; i++) {
		err = proc_read_file(argv[i], m);
		if (err == -EISDIR) {
			/* Opening a directory works; reading it fails. */
			seq_printf(m, "cat: read error: %s\n", proc_strerror(err));
			status = 1;
		} else if (err) {
			seq_printf(m, "cat: can't open '%s': %s\n", argv[i], proc_strerror(err));
			status = 1;
		}
	}
	return status;
}

/* ---- hexdump -C ---- */

/*
 * busybox's canonical dump: 16 bytes a line as hex and ASCII, a repeat of the line before
 * squeezed to "*", the files read as one stream, and the length on a last line.
 */
struct hexdump {
	struct seq_file *out;
	u8 cur[16], sav[16];
	int n;			/* bytes in cur */
	u32 addr;		/* offset of cur[0] */
	enum { HD_FIRST, HD_WAIT, HD_DUP } vflag;
};

static void hexdump_line(struct hexdump *h, int n)
{
	char line[80];
	int i, pos;

	pos = snprintf(line, sizeof(line), "%08x  ", h->addr);
	for (i = 0; i < 16; i++) {
		if (i < n)
			pos += snprintf(line + pos, sizeof(line) - pos, "%02x", h->cur[i]);
		else
			pos += snprintf(line + pos, sizeof(line) - pos, "  ");
		if (i < 15)
			pos += snprintf(line + pos, sizeof(line) - pos, i == 7 ? "  " : " ");
	}
	pos += snprintf(line + pos, sizeof(line) - pos, "  |");
	for (i = 0; i < n; i++)
		line[pos++] = h->cur[i] >= 0x20 && h->cur[i] < 0x7f ? h->cur[i] : '.';
	line[pos++] = '|';
	line[pos++] = '\n';
	seq_write(h->out, line, pos);
}

static void hexdump_block(struct hexdump *h)
{
	if (h->vflag == HD_FIRST || memcmp(h->cur, h->sav, 16)) {
		h->vflag = HD_WAIT;
		hexdump_line(h, 16);
		memcpy(h->sav, h->cur, 16);
	} else {
		if (h->vflag == HD_WAIT)
			seq_puts(h->out, "*\n");
		h->vflag = HD_DUP;
	}
	h->addr += 16;
	h->n = 0;
}

static void hexdump_write(struct seq_file *m, const char *buf, size_t len)
{
	struct hexdump *h = m->private;

	while (len--) {
		h->cur[h->n++] = *buf++;
		if (h->n == 16)
			hexdump_block(h);
	}
}

static void hexdump_end(struct hexdump *h)
{
	u32 end = h->addr + h->n;

	if (h->n) {
		/* busybox compares a short last line with the start of the one before. */
		if (h->vflag != HD_FIRST && !memcmp(h->cur, h->sav, h->n) && h->vflag != HD_DUP)
			seq_puts(h->out, "*\n");
		hexdump_line(h, h->n);
	} else if (!h->addr) {
		return;			/* nothing read: no length line either */
	}
	seq_printf(h->out, "%08x\n", end);
}

int proc_cmd_hexdump(int argc, char **argv, struct seq_file *m)
{
	struct hexdump h = { .out = m, .vflag = HD_FIRST };
	struct seq_file dump = { .write = hexdump_write, .private = &h };
	int i, err, status = 0, files = 0;
	bool canonical = false;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-C"))
			canonical = true;
		else if (argv[i][0] == '-' && argv[i][1])
			break;
		else
			files++;
	}
	if (!canonical || i < argc) {
		seq_puts(m, "bootmem: hexdump: only -C (hex and ASCII, busybox's canonical format)\n");
		return 1;
	}
	if (!files) {
		seq_puts(m, "bootmem: hexdump: which file? (there is no standard input to dump)\n");
		return 1;
	}
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-C"))
			continue;
		err = proc_read_file(argv[i], &dump);
		if (err) {
			seq_printf(m, "hexdump: %s: %s\n", argv[i], proc_strerror(err));
			status = 1;
		}
	}
	hexdump_end(&h);
	return status;
}

/* ---- ls ---- */

/* busybox's ls on a terminal it cannot size: 80 columns, one kept free. */
#define LS_WIDTH	79

static int dirent_cmp(const void *a, const void *b)
{
	static char x[PFS_NAME_MAX + 8], y[PFS_NAME_MAX + 8];

	dirent_name(a, x, sizeof(x));
	dirent_name(b, y, sizeof(y));
	return strcmp(x, y);
}

/* One name as busybox prints it: what is not printable ASCII shows as '?'. */
static int ls_print_name(struct seq_file *m, const struct pfs_dirent *d)
{
	char buf[PFS_NAME_MAX + 8];
	int i;

	dirent_name(d, buf, sizeof(buf));
	for (i = 0; buf[i]; i++)
		if ((u8)buf[i] < 0x20 || (u8)buf[i] >= 0x7f)
			buf[i] = '?';
	seq_puts(m, buf);
	return i;
}

/* busybox's display_files(): sorted names down the columns, as many columns as fit. */
static void ls_columns(struct seq_file *m, struct pfs_dirent *d, int n, bool one_per_line)
{
	char buf[PFS_NAME_MAX + 8];
	int width = 0, ncols, nrows, row, col, i, column, nexttab;

	sort(d, n, sizeof(*d), dirent_cmp, NULL);
	for (i = 0; i < n; i++) {
		dirent_name(&d[i], buf, sizeof(buf));
		width = max(width, (int)strlen(buf));
	}
	width += 2;
	ncols = one_per_line ? 1 : LS_WIDTH / width;
	if (ncols > 1) {
		nrows = DIV_ROUND_UP(n, ncols);
	} else {
		nrows = n;
		ncols = 1;
	}
	for (row = 0; row < nrows; row++) {
		column = nexttab = 0;
		for (col = 0; col < ncols; col++) {
			i = col * nrows + row;
			if (i >= n)
				continue;
			if (column > 0) {
				seq_printf(m, "%*s", nexttab - column, "");
				column = nexttab;
			}
			nexttab = column + width;
			column += ls_print_name(m, &d[i]);
		}
		seq_putc(m, '\n');
	}
}

#define LS_MAX_ARGS	64

int proc_cmd_ls(int argc, char **argv, struct seq_file *m)
{
	static struct pfs_dirent files[LS_MAX_ARGS], dirs[LS_MAX_ARGS];
	static char *dot[] = { "ls", "/", NULL };
	int nfiles = 0, ndirs = 0, i, err, status = 0, nargs = 0;
	bool one = false, show_dirname, first;
	struct pfs_node node;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "-1")) {
			seq_puts(m, "bootmem: ls: the only option is -1 (one name a line)\n");
			return 1;
		}
		one = true;
	}
	if (i == argc) {	/* no path: the current directory, which is always / here */
		argv = dot;
		argc = 2;
		i = 1;
	}
	show_dirname = argc - i > 1;
	for (; i < argc && nargs < LS_MAX_ARGS; i++, nargs++) {
		struct pfs_dirent *d;

		err = pfs_resolve(argv[i], &node);
		if (err) {
			seq_printf(m, "ls: %s: %s\n", argv[i], proc_strerror(err));
			status = 1;
			continue;
		}
		d = pfs_is_dir(&node) ? &dirs[ndirs++] : &files[nfiles++];
		*d = (struct pfs_dirent){ argv[i], 0, pfs_is_dir(&node), node };
	}
	if (nfiles)
		ls_columns(m, files, nfiles, one);
	sort(dirs, ndirs, sizeof(*dirs), dirent_cmp, NULL);
	first = !nfiles;
	for (i = 0; i < ndirs; i++) {
		int n;

		if (show_dirname) {
			if (!first)
				seq_putc(m, '\n');
			first = false;
			seq_printf(m, "%s:\n", dirs[i].name);
		}
		n = pfs_dirents(&dirs[i].node);
		if (n)
			ls_columns(m, dirents, n, one);
	}
	return status;
}

/* Splits @line in place into at most @max - 1 words (see proc_run_command); their count. */
static int proc_split(char *line, char **argv, int max)
{
	char *in = line, *out = line;
	int argc = 0;

	for (;;) {
		char quote = 0;

		while (*in == ' ')
			in++;
		if (!*in || argc == max - 1)
			break;
		argv[argc++] = out;
		for (; *in && (quote || *in != ' '); in++) {
			if (!quote && (*in == '\'' || *in == '"'))
				quote = *in;
			else if (quote && *in == quote)
				quote = 0;
			else
				*out++ = *in;
		}
		if (*in)
			in++;
		*out++ = 0;
	}
	argv[argc] = NULL;
	return argc;
}

bool proc_run_command(const char *line, struct seq_file *m)
{
	static const struct {
		const char *name;
		int (*run)(int argc, char **argv, struct seq_file *m);
	} cmds[] = { { "cat", proc_cmd_cat }, { "ls", proc_cmd_ls }, { "hexdump", proc_cmd_hexdump } };
	char buf[PROC_CMD_LINE], *argv[32];
	size_t i, len = strlen(line);
	int argc;

	if (len >= sizeof(buf))
		return false;
	memcpy(buf, line, len + 1);
	argc = proc_split(buf, argv, ARRAY_SIZE(argv));
	for (i = 0; argc && i < ARRAY_SIZE(cmds); i++) {
		if (!strcmp(argv[0], cmds[i].name)) {
			cmds[i].run(argc, argv, m);
			return true;
		}
	}
	return false;
}

/* ---- completion ---- */

/* Keeps the entries of @dir that start with @prefix at the front of dirents[]; sorted. */
static int pfs_matches(const char *dir, const char *prefix)
{
	struct pfs_node node;
	int err = pfs_resolve(*dir ? dir : "/", &node), n, i, kept = 0;
	size_t plen = strlen(prefix);
	char buf[PFS_NAME_MAX + 8];

	if (err)
		return err;
	if (!pfs_is_dir(&node))
		return -ENOTDIR;
	n = pfs_dirents(&node);
	for (i = 0; i < n; i++) {
		dirent_name(&dirents[i], buf, sizeof(buf));
		if (!strncmp(buf, prefix, plen))
			dirents[kept++] = dirents[i];
	}
	sort(dirents, kept, sizeof(*dirents), dirent_cmp, NULL);
	return kept;
}

int proc_complete(const char *dir, const char *prefix,
		  void (*fn)(void *ctx, const char *name, bool is_dir), void *ctx)
{
	char buf[PFS_NAME_MAX + 8];
	int n = pfs_matches(dir, prefix), i;

	for (i = 0; i < n; i++) {
		const struct pfs_entry *e = dirents[i].node.e;
		bool is_dir = dirents[i].dir || (e && e->type == PFS_LINK);

		dirent_name(&dirents[i], buf, sizeof(buf));
		fn(ctx, buf, is_dir);
	}
	return n;
}

void proc_show_matches(const char *dir, const char *prefix, struct seq_file *m)
{
	int n = pfs_matches(dir, prefix);

	if (n > 0)
		ls_columns(m, dirents, n, false);
}

/* ---- cat= on the command line ---- */

static char boot_files[256];

static int __init set_boot_files(char *val)
{
	if (val)
		snprintf(boot_files, sizeof(boot_files), "%s", val);
	return 0;
}
early_param("cat", set_boot_files);

/* Whole lines to printk, so each gets its timestamp as Linux's console lines do. */
struct printk_lines {
	char line[256];
	int n;
};

static void printk_lines_write(struct seq_file *m, const char *buf, size_t len)
{
	struct printk_lines *pl = m->private;

	while (len--) {
		char c = *buf++;

		if (c == '\n' || pl->n == sizeof(pl->line) - 1) {
			pl->line[pl->n] = 0;
			pr_info("%s\n", pl->line);
			pl->n = 0;
			if (c == '\n')
				continue;
		}
		pl->line[pl->n++] = c;
	}
}

void proc_print_boot_files(void)
{
	char path[sizeof(boot_files)];
	const char *p = boot_files;

	while (*p) {
		struct printk_lines pl = { .n = 0 };
		struct seq_file m = { .write = printk_lines_write, .private = &pl };
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		int err;

		snprintf(path, sizeof(path), "%.*s", (int)len, p);
		p += len + (p[len] == ',');
		if (!*path)
			continue;
		bm_info("cat %s\n", path);
		err = proc_read_file(path, &m);
		if (err)
			bm_err("cat=%s: %s\n", path, proc_strerror(err));
		else if (pl.n)
			printk_lines_write(&m, "\n", 1);
	}
}

static void procfs_reset(void)
{
	boot_files[0] = 0;
}
host_reset(procfs_reset);
