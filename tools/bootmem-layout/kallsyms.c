// SPDX-License-Identifier: GPL-2.0
/*
 * %pS for bootmem-layout: the kernel names its callers from a generated table; on the host
 * the same names come from this program's own ELF symbol table (static functions included),
 * so memblock=debug lines read as Linux's ("early_init_dt_alloc_memory_arch+0x1c/0x60").
 */
#define _GNU_SOURCE
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/sprintf.h>

struct host_sym {
	unsigned long addr, size;
	const char *name;
};

static struct host_sym *syms;
static size_t nsyms;
static char *image;
static int loaded;

static int sym_cmp(const void *a, const void *b)
{
	const struct host_sym *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static char *read_self(size_t *len)
{
	FILE *f = fopen("/proc/self/exe", "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > (long)sizeof(Elf64_Ehdr) &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc(n)) && fread(buf, 1, n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = buf ? (size_t)n : 0;
	return buf;
}

/* The function symbols of .symtab, at their run-time addresses (PIE: shifted by the load bias). */
static void load_symbols(void)
{
	const Elf64_Ehdr *eh;
	const Elf64_Shdr *sh;
	const Elf64_Sym *st;
	const char *str;
	unsigned long bias = 0;
	size_t len, i, n;
	int s;

	loaded = 1;
	image = read_self(&len);
	if (!image)
		return;
	eh = (const Elf64_Ehdr *)image;
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) || eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_shoff + (size_t)eh->e_shnum * sizeof(*sh) > len)
		return;
	sh = (const Elf64_Shdr *)(image + eh->e_shoff);
	for (s = 0; s < eh->e_shnum; s++)
		if (sh[s].sh_type == SHT_SYMTAB && sh[s].sh_link < eh->e_shnum)
			break;
	if (s == eh->e_shnum || sh[s].sh_offset + sh[s].sh_size > len ||
	    sh[sh[s].sh_link].sh_offset + sh[sh[s].sh_link].sh_size > len)
		return;
	st = (const Elf64_Sym *)(image + sh[s].sh_offset);
	str = image + sh[sh[s].sh_link].sh_offset;
	n = sh[s].sh_size / sizeof(*st);
	syms = calloc(n, sizeof(*syms));
	if (!syms)
		return;
	for (i = 0; i < n; i++) {
		if (ELF64_ST_TYPE(st[i].st_info) != STT_FUNC || !st[i].st_value ||
		    st[i].st_name >= sh[sh[s].sh_link].sh_size)
			continue;
		if (!strcmp(str + st[i].st_name, "kallsyms_lookup"))
			bias = (unsigned long)kallsyms_lookup - st[i].st_value;
		syms[nsyms++] = (struct host_sym){ st[i].st_value, st[i].st_size, str + st[i].st_name };
	}
	for (i = 0; i < nsyms; i++)
		syms[i].addr += bias;
	qsort(syms, nsyms, sizeof(*syms), sym_cmp);
}

const char *kallsyms_lookup(unsigned long addr, unsigned long *symbolsize, unsigned long *offset)
{
	size_t lo = 0, hi;

	if (!loaded)
		load_symbols();
	hi = nsyms;
	if (!nsyms || addr < syms[0].addr)
		return NULL;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (syms[mid].addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	if (addr - syms[lo].addr >= syms[lo].size)
		return NULL;
	*symbolsize = syms[lo].size;
	*offset = addr - syms[lo].addr;
	return syms[lo].name;
}
