// SPDX-License-Identifier: GPL-2.0
/*
 * bootmem-layout --efi-memmap: a UEFI machine's hand-over read back from the "efi:" lines of
 * a Linux efi=debug log (raw, or a scripts/firmware-report.py report) or from a small JSON
 * file, into the synthetic firmware of tests/host/efi_fw.c; with memblock=debug lines, also
 * where Linux's stub put the kernel, the DTB and the MEMATTR/MEMRESERVE tables.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <stdarg.h>
#include <linux/kernel.h>
#include <linux/efi_init.h>
#include <linux/version.h>
#include "layout.h"

static const char *const type_names[] = {
	"Reserved", "Loader Code", "Loader Data", "Boot Code", "Boot Data", "Runtime Code",
	"Runtime Data", "Conventional", "Unusable", "ACPI Reclaim", "ACPI Mem NVS", "MMIO",
	"MMIO Port", "PAL Code", "Persistent",
};

static const struct { const char *name; u64 bit; } attr_names[] = {
	{ "RUN", EFI_MEMORY_RUNTIME }, { "HP", EFI_MEMORY_HOT_PLUGGABLE },
	{ "MR", EFI_MEMORY_MORE_RELIABLE }, { "CC", EFI_MEMORY_CPU_CRYPTO },
	{ "SP", EFI_MEMORY_SP }, { "NV", EFI_MEMORY_NV }, { "XP", EFI_MEMORY_XP },
	{ "RP", EFI_MEMORY_RP }, { "WP", EFI_MEMORY_WP }, { "RO", EFI_MEMORY_RO },
	{ "UCE", EFI_MEMORY_UCE }, { "WB", EFI_MEMORY_WB }, { "WT", EFI_MEMORY_WT },
	{ "WC", EFI_MEMORY_WC }, { "UC", EFI_MEMORY_UC },
};

static char errbuf[256];

static int __attribute__((format(printf, 1, 2))) fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(errbuf, sizeof(errbuf), fmt, ap);
	va_end(ap);
	return -1;
}

const char *bml_efi_error(void)
{
	return errbuf;
}

static void trim(char *s)
{
	size_t n = strlen(s);

	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = 0;
	memmove(s, s + strspn(s, " \t"), strlen(s + strspn(s, " \t")) + 1);
}

static int type_of(const char *name)
{
	unsigned int i;

	if (!strncmp(name, "type=", 5))
		return (int)strtoul(name + 5, NULL, 0);
	for (i = 0; i < ARRAY_SIZE(type_names); i++)
		if (!strcmp(name, type_names[i]))
			return i;
	return -1;
}

static int attr_of(const char *name, u64 *bit)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(attr_names); i++)
		if (!strcmp(name, attr_names[i].name)) {
			*bit = attr_names[i].bit;
			return 0;
		}
	return -1;
}

/* "[Conventional|   |  |...|WB|  |  |  ]" or "[type=20|attr=0x...]" */
static int parse_typeattr(char *s, u32 *type, u64 *attr)
{
	char *end, *tok;
	int t;

	/* A line with no '[' at all comes here as NULL. */
	if (!s || *s != '[' || !(end = strchr(s, ']')))
		return -1;
	*end = 0;
	tok = strsep(&s, "|");
	tok++;
	trim(tok);
	t = type_of(tok);
	if (t < 0)
		return -1;
	*type = t;
	*attr = 0;
	while ((tok = strsep(&s, "|"))) {
		u64 bit;

		trim(tok);
		if (!*tok)
			continue;
		if (!strncmp(tok, "attr=", 5)) {
			*attr = strtoull(tok + 5, NULL, 0);
			continue;
		}
		if (attr_of(tok, &bit))
			return -1;
		*attr |= bit;
	}
	return 0;
}

static bool table_guid(const char *name, efi_guid_t *guid)
{
	const efi_config_table_type_t *t;
	unsigned int i, n;

	t = efi_common_tables(&n);
	for (i = 0; i < n; i++)
		if (!strcmp(name, t[i].name)) {
			*guid = t[i].guid;
			return true;
		}
	return false;
}

/* "efi: SMBIOS 3.0=0x7fed0000 MEMATTR=0x7cd2d018 MEMRESERVE=0x7c43ff18 " */
static int parse_tables(struct bml_efi *e, char *s, int line)
{
	char *eq;

	while ((eq = strstr(s, "=0x"))) {
		char name[32];
		u64 addr;
		efi_guid_t g;

		*eq = 0;
		snprintf(name, sizeof(name), "%s", s);
		trim(name);
		addr = strtoull(eq + 1, &s, 16);
		if (!table_guid(name, &g))
			return fail("line %d: unknown configuration table '%s'", line, name);
		if (!strcmp(name, "MEMATTR"))
			e->memattr_at = addr;
		else if (!strcmp(name, "MEMRESERVE"))
			e->memreserve_at = addr;
		else if (e->fw.nr_tables >= EFI_FW_MAX_TABLES)
			return fail("line %d: more than %d configuration tables", line,
				    EFI_FW_MAX_TABLES);
		else
			efi_fw_add_table(&e->fw, g, addr);
	}
	return 0;
}

/* "memblock_reserve: [0x...-0x...] caller[+0x../0x..]" */
static void parse_memblock(struct bml_efi *e, const char *s)
{
	unsigned long long a, b;
	char caller[64];

	if (sscanf(s, "memblock_reserve: [0x%llx-0x%llx] %63[A-Za-z0-9_]", &a, &b, caller) != 3)
		return;
	if (!strcmp(caller, "efi_memattr_init"))
		e->memattr_size = b - a + 1;
	else if (!strcmp(caller, "efi_config_parse_tables")) {
		if (a == e->memreserve_at && !e->memreserve_head)
			e->memreserve_head = b - a + 1;
		else if (e->nr_rsv < BML_EFI_MAX_RSV) {
			e->rsv[e->nr_rsv][0] = a;
			e->rsv[e->nr_rsv++][1] = b - a + 1;
		}
	} else if (!strcmp(caller, "arm64_memblock_init") && b - a + 1 > e->kernel_size) {
		/* the largest is the image (an initrd is reserved there too) */
		e->kernel_stext = a;
		e->kernel_size = b - a + 1;
	}
}

/* The dump reserve_regions prints (memory regions without " on node"): the DTB's reservation. */
static void parse_early_dump(struct bml_efi *e, const char *s, bool *in_early)
{
	unsigned long long a, b;

	if (!strcmp(s, "MEMBLOCK configuration:")) {
		*in_early = true;
		return;
	}
	if (!*in_early)
		return;
	if (strstr(s, " on node ")) {
		*in_early = false;
		return;
	}
	if (sscanf(s, " reserved[%*x]\t[0x%llx-0x%llx]", &a, &b) == 2 &&
	    e->nr_early < BML_EFI_MAX_RSV) {
		e->early[e->nr_early][0] = a;
		e->early[e->nr_early++][1] = b - a + 1;
	}
	if (strncmp(s, " memory", 7) && strncmp(s, " reserved", 9))
		*in_early = false;
}

/*
 * An entry of the Memory Attributes table, as efi=debug shows it ("efi: memattr:  0x...-0x...
 * [Runtime Code|RUN|...]", or "! 0x..." for one Linux refused); other memattr lines say nothing.
 */
static int parse_memattr(struct bml_efi *e, char *s, int line)
{
	unsigned long long a, b;
	efi_memory_desc_t *md;
	u32 type;
	u64 attr;

	if (*s == '!')
		s++;
	if (sscanf(s, " 0x%llx-0x%llx [", &a, &b) != 2)
		return 0;
	if (b < a || (a & 0xfff) || ((b + 1) & 0xfff) || parse_typeattr(strchr(s, '['), &type, &attr))
		return fail("line %d: cannot read the Memory Attributes entry 'memattr: %s'", line, s);
	if (e->nr_memattr >= BML_EFI_MAX_MEMATTR)
		return fail("line %d: more than %d Memory Attributes entries", line, BML_EFI_MAX_MEMATTR);
	md = &e->memattr[e->nr_memattr++];
	md->type = type;
	md->phys_addr = a;
	md->num_pages = (b - a + 1) >> 12;
	md->attribute = attr;
	return 0;
}

/* The Linux the log came from (linux/version.h), or 0 when unknown. */
static unsigned int log_version;

static int parse_line(struct bml_efi *e, char *s, int line, bool *in_early)
{
	unsigned long long a, b, v;
	unsigned int maj, min, sub;
	char vendor[64];

	if (*s == '[' && strstr(s, "] "))
		s = strstr(s, "] ") + 2;
	s[strcspn(s, "\r\n")] = 0;
	parse_early_dump(e, s, in_early);
	if (!strncmp(s, "memblock_reserve: ", 18)) {
		parse_memblock(e, s);
		return 0;
	}
	if (strncmp(s, "efi: ", 5))
		return 0;
	s += 5;
	if (!strncmp(s, "memattr: ", 9))
		return parse_memattr(e, s + 9, line);
	if (sscanf(s, "  0x%llx-0x%llx [", &a, &b) == 2) {
		u32 type;
		u64 attr;
		char *br = strchr(s, '[');

		if (b < a || (a & 0xfff) || ((b + 1) & 0xfff) || parse_typeattr(br, &type, &attr))
			return fail("line %d: cannot read the descriptor line '%s'", line, s);
		if (e->fw.nr_desc >= EFI_FW_MAX_DESC)
			return fail("line %d: more than %d descriptors", line, EFI_FW_MAX_DESC);
		efi_fw_add_desc(&e->fw, type, a, (b - a + 1) >> 12, attr);
		e->seen_map = true;
	} else if (sscanf(s, "EFI v%u.%u by %63[^\n]", &maj, &min, vendor) == 3) {
		/*
		 * 6.1 prints the minor revision as it is (v2.70, U-Boot's v2.100); 6.12 in tenths
		 * (v2.7, v2.10). Unless the Linux is known, two digits or more are 6.1's.
		 */
		if (log_version ? log_version >= KERNEL_VERSION(6, 12, 0) : strchr(s, '.')[2] == ' ')
			min *= 10;
		e->fw.revision = maj << 16 | min;
		snprintf(e->vendor, sizeof(e->vendor), "%s", vendor);
	} else if (sscanf(s, "EFI v%u.%u.%u by %63[^\n]", &maj, &min, &sub, vendor) == 4) {
		e->fw.revision = maj << 16 | (min * 10 + sub);
		snprintf(e->vendor, sizeof(e->vendor), "%s", vendor);
	} else if (sscanf(s, "  System Table : 0x%llx", &v) == 1 ||
		   sscanf(s, "  System Table         : 0x%llx", &v) == 1) {
		e->fw.systab_at = v;
	} else if (sscanf(s, "  MemMap Address       : 0x%llx", &v) == 1) {
		e->fw.memmap_at = v;
	} else if (sscanf(s, "  MemMap Desc. Size    : 0x%llx", &v) == 1) {
		e->fw.desc_size = v;
	} else if (sscanf(s, "  MemMap Desc. Version : 0x%llx", &v) == 1) {
		e->fw.desc_ver = v;
	} else if (sscanf(s, "  Secure Boot Enabled  : 0x%llx", &v) == 1) {
		e->fw.secure_boot = v;
	} else if (strstr(s, "=0x") && !strchr(s, ':')) {
		return parse_tables(e, s, line);
	}
	return 0;
}

/* ---- the JSON form: a small reader for the documented schema ---- */

struct jv {
	enum { J_NONE, J_STR, J_NUM, J_ARR, J_OBJ } t;
	char *s;		/* J_STR (also the text of a J_NUM) */
	int n;			/* J_ARR / J_OBJ members */
	char **keys;
	struct jv *v;
};

static const char *jp;

static void jws(void)
{
	while (isspace((unsigned char)*jp))
		jp++;
}

static int jparse(struct jv *out);

static char *jstring(void)
{
	const char *start = ++jp;
	char *s;

	while (*jp && *jp != '"')
		jp += (*jp == '\\' && jp[1]) ? 2 : 1;
	if (*jp != '"')
		return NULL;
	s = strndup(start, jp - start);
	jp++;
	return s;
}

/* Deeper than any map needs: a hostile file cannot run the reader out of stack. */
#define JSON_MAX_DEPTH	32
static int jdepth;

/* One more member slot in @out (its value and key zeroed); -1 when out of memory. */
static int jgrow(struct jv *out)
{
	struct jv *v = realloc(out->v, (out->n + 1) * sizeof(*out->v));
	char **keys;

	if (!v)
		return -1;
	out->v = v;
	keys = realloc(out->keys, (out->n + 1) * sizeof(*out->keys));
	if (!keys)
		return -1;
	out->keys = keys;
	memset(&out->v[out->n], 0, sizeof(out->v[0]));
	out->keys[out->n] = NULL;
	return 0;
}

static int jmembers(struct jv *out, char close, bool obj)
{
	for (;;) {
		if (jgrow(out))
			return -1;
		jws();
		if (obj) {
			if (*jp != '"' || !(out->keys[out->n] = jstring()))
				return -1;
			jws();
			if (*jp != ':') {
				/* Not counted yet, so jfree would not see it. */
				free(out->keys[out->n]);
				out->keys[out->n] = NULL;
				return -1;
			}
			jp++;
		}
		if (jparse(&out->v[out->n++]))
			return -1;
		jws();
		if (*jp == ',') {
			jp++;
			continue;
		}
		if (*jp != close)
			return -1;
		jp++;
		return 0;
	}
}

static int jcompound(struct jv *out, char close, bool obj)
{
	int ret;

	out->t = obj ? J_OBJ : J_ARR;
	jp++;
	jws();
	if (*jp == close) {
		jp++;
		return 0;
	}
	if (jdepth >= JSON_MAX_DEPTH)
		return -1;
	jdepth++;
	ret = jmembers(out, close, obj);
	jdepth--;
	return ret;
}

static int jparse(struct jv *out)
{
	jws();
	if (*jp == '{')
		return jcompound(out, '}', true);
	if (*jp == '[')
		return jcompound(out, ']', false);
	if (*jp == '"') {
		out->t = J_STR;
		out->s = jstring();
		return out->s ? 0 : -1;
	}
	if (isdigit((unsigned char)*jp) || *jp == '-') {
		const char *start = jp;

		while (isalnum((unsigned char)*jp) || *jp == '.' || *jp == '-' || *jp == '+')
			jp++;
		out->t = J_NUM;
		out->s = strndup(start, jp - start);
		return 0;
	}
	return -1;
}

static void jfree(struct jv *v)
{
	int i;

	for (i = 0; i < v->n; i++) {
		jfree(&v->v[i]);
		free(v->keys[i]);
	}
	free(v->v);
	free(v->keys);
	free(v->s);
}

static struct jv *jget(struct jv *o, const char *key)
{
	int i;

	for (i = 0; o && o->t == J_OBJ && i < o->n; i++)
		if (!strcmp(o->keys[i], key))
			return &o->v[i];
	return NULL;
}

/* A number, or a string holding one ("0x40000000"). */
static bool jnum(struct jv *v, u64 *out)
{
	char *end;

	if (!v || (v->t != J_NUM && v->t != J_STR) || !v->s)
		return false;
	*out = strtoull(v->s, &end, 0);
	return end != v->s && !*end;
}

static int json_desc(struct bml_efi *e, struct jv *d, int i)
{
	struct jv *type = jget(d, "type"), *attr = jget(d, "attr");
	u64 start, end, pages, t, a = 0;
	int k;

	if (!jnum(jget(d, "start"), &start))
		return fail("memmap[%d]: no \"start\"", i);
	if (jnum(jget(d, "pages"), &pages)) {
		if (!pages || pages > (~0ULL - start) >> 12)
			return fail("memmap[%d]: \"pages\" is 0 or runs past 2^64", i);
		end = start + (pages << 12) - 1;
	} else if (!jnum(jget(d, "end"), &end) || end < start) {
		return fail("memmap[%d]: no \"end\" (inclusive) or \"pages\"", i);
	}
	if (type && type->t == J_STR && type_of(type->s) >= 0)
		t = type_of(type->s);
	else if (!jnum(type, &t))
		return fail("memmap[%d]: \"type\" is neither a type name nor a number", i);
	if (attr && attr->t == J_ARR) {
		for (k = 0; k < attr->n; k++) {
			u64 bit;

			if (attr->v[k].t != J_STR || attr_of(attr->v[k].s, &bit))
				return fail("memmap[%d]: unknown attribute in \"attr\"", i);
			a |= bit;
		}
	} else if (attr && !jnum(attr, &a)) {
		return fail("memmap[%d]: \"attr\" is neither a list of names nor a number", i);
	}
	if ((start & 0xfff) || ((end + 1) & 0xfff))
		return fail("memmap[%d]: not whole 4 KiB pages", i);
	if (e->fw.nr_desc >= EFI_FW_MAX_DESC)
		return fail("memmap[%d]: more than %d descriptors", i, EFI_FW_MAX_DESC);
	efi_fw_add_desc(&e->fw, t, start, (end - start + 1) >> 12, a);
	return 0;
}

static int json_fields(struct bml_efi *e, struct jv *root);

static int parse_json(struct bml_efi *e, const char *text)
{
	struct jv root = { 0 };
	int ret;

	jp = text;
	jdepth = 0;
	if (jparse(&root) || root.t != J_OBJ)
		ret = fail("not a JSON object");
	else
		ret = json_fields(e, &root);
	jfree(&root);
	return ret;
}

static int json_fields(struct bml_efi *e, struct jv *root)
{
	struct jv *m, *v;
	u64 x;
	int i;

	m = jget(root, "memmap");
	if (!m || m->t != J_ARR || !m->n)
		return fail("no \"memmap\" array");
	for (i = 0; i < m->n; i++)
		if (json_desc(e, &m->v[i], i))
			return -1;
	e->seen_map = true;
	if (jnum(jget(root, "desc_size"), &x))
		e->fw.desc_size = x;
	if (jnum(jget(root, "desc_version"), &x))
		e->fw.desc_ver = x;
	if (jnum(jget(root, "system_table"), &x))
		e->fw.systab_at = x;
	if (jnum(jget(root, "memmap_address"), &x))
		e->fw.memmap_at = x;
	if (jnum(jget(root, "kernel_stext"), &x))
		e->kernel_stext = x;
	if (jnum(jget(root, "dtb"), &x))
		e->dtb_at = x;
	v = jget(root, "vendor");
	if (v && v->t == J_STR)
		snprintf(e->vendor, sizeof(e->vendor), "%s", v->s);
	v = jget(root, "revision");
	if (v && (v->t == J_STR || v->t == J_NUM)) {
		unsigned int maj, min;

		if (sscanf(v->s, "%u.%u", &maj, &min) == 2)
			e->fw.revision = maj << 16 | min;
	}
	return 0;
}

int bml_efi_load(const char *text, struct bml_efi *e, unsigned int version)
{
	char *copy, *line, *save = NULL;
	bool in_early = false;
	int n = 0;

	errbuf[0] = '\0';
	log_version = version;
	memset(e, 0, sizeof(*e));
	efi_fw_init(&e->fw, 0, 0, 48);
	e->fw.revision = 0;
	snprintf(e->vendor, sizeof(e->vendor), "EDK II");
	text += strspn(text, " \t\r\n");
	if (*text == '{') {
		if (parse_json(e, text))
			return -1;
	} else {
		copy = strdup(text);
		for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
			if (parse_line(e, line, ++n, &in_early)) {
				free(copy);
				return -1;
			}
		free(copy);
	}
	if (!e->seen_map)
		return fail("no EFI memory map (no \"efi:   0x...-0x... [...]\" line: boot Linux with efi=debug)");
	if (!e->fw.revision)
		e->fw.revision = 0x00020046;
	return 0;
}
