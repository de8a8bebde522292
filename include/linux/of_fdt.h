/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Early flattened device tree scanning (Linux's drivers/of/fdt.c): the blob pointer, the root
 * cells, /chosen, memory nodes and the /memreserve/ + /reserved-memory first pass.
 */
#ifndef _BOOTMEM_LINUX_OF_FDT_H
#define _BOOTMEM_LINUX_OF_FDT_H

#include <linux/types.h>
#include <libfdt.h>

#define OF_ROOT_NODE_ADDR_CELLS_DEFAULT	1
#define OF_ROOT_NODE_SIZE_CELLS_DEFAULT	1

/* How much of /chosen/rng-seed we keep for early entropy (the stack protector canary). */
#define DT_RNG_SEED_MAX		64

/* The blob handed over by the boot loader, once early_init_dt_verify() accepted it. */
extern void *initial_boot_params;
/* Its physical address, if the caller told early_init_dt_verify_mapped(); else ~0. */
extern phys_addr_t initial_boot_params_pa;

extern int dt_root_addr_cells;
extern int dt_root_size_cells;

/* /chosen results besides bootargs (which go to boot_command_line): the boot loader's entropy. */
extern u8 dt_rng_seed[DT_RNG_SEED_MAX];
extern int dt_rng_seed_len;
extern u64 dt_kaslr_seed;
extern bool dt_has_kaslr_seed;
/* The /chosen/rng-seed property Linux clears from the blob once read (its offset), or -1. */
extern int dt_rng_seed_nop_offset;

/* Read @size big-endian cells as one number (cells beyond the low 64 bits are dropped). */
static inline u64 of_read_number(const fdt32_t *cell, int size)
{
	u64 r = 0;

	for (; size--; cell++)
		r = (r << 32) | fdt32_ld(cell);
	return r;
}

static inline u32 be32_to_cpup(const fdt32_t *p)
{
	return fdt32_ld(p);
}

u64 dt_mem_next_cell(int s, const fdt32_t **cellp);
const void *of_get_flat_dt_prop(unsigned long node, const char *name, int *size);
int of_flat_dt_is_compatible(unsigned long node, const char *name);
bool of_fdt_device_is_available(const void *blob, unsigned long node);

/*
 * Bad-input reports (bootmem's own): true the first time @prop of @node is reported, so a
 * property every scan reads is named once.
 */
bool of_fdt_warn_once(int node, const char *prop);
/*
 * A string property as Linux's str* functions read it: one without its NUL still ends at a
 * 0 byte right after it (padding, the next tag), and is reported; else NULL (reported).
 * *@lenp (optional): the bytes up to and with that NUL.
 */
const char *of_fdt_get_string(const void *blob, int node, const char *name, int *lenp);
bool of_fdt_prop_str_eq(const void *blob, int node, const char *name, const char *str);
const char *of_flat_dt_get_machine_name(void);
/* The offset of /chosen (or /chosen@0) in the boot blob, looked up once; < 0 without one. */
int of_flat_dt_chosen_node(void);
/*
 * libfdt's fdt_parent_offset, fdt_path_offset(_namelen) and fdt_get_path, the same answers;
 * on the boot blob (initial_boot_params) from one walk that keeps each node's parent
 * (boot/fdt_index.c) instead of a walk from the start of the tree each time.
 */
int of_fdt_parent_offset(const void *fdt, int node);
int of_fdt_path_offset(const void *fdt, const char *path);
int of_fdt_path_offset_namelen(const void *fdt, const char *path, int len);
int of_fdt_get_path(const void *fdt, int node, char *buf, int buflen);

/* fdt_check_header + totalsize <= MAX_FDT_SIZE, as Linux; sets initial_boot_params. */
bool early_init_dt_verify(void *params);
/* Same, but checks totalsize against what the caller mapped and remembers the DTB's PA. */
bool early_init_dt_verify_mapped(void *params, phys_addr_t dt_phys, size_t mapped);
/* Root cells, /chosen (bootargs into boot_command_line), memory nodes. */
void early_init_dt_scan_nodes(void);
bool early_init_dt_scan(void *params);

int early_init_dt_scan_root(void);
int early_init_dt_scan_chosen(char *cmdline);
int early_init_dt_scan_memory(void);
void early_init_dt_add_memory_arch(u64 base, u64 size);
/* /chosen/linux,usable-memory-range (kdump): also run by efi_init once memblock is full. */
void early_init_dt_check_for_usable_mem_range(void);

/*
 * Linux's of_flat_dt_translate_address (drivers/of/fdt_address.c): reg entry 0 of @node
 * through the parents' "ranges", default bus only; OF_BAD_ADDR if it cannot.
 */
u64 of_flat_dt_translate_address(unsigned long node);
/* After paging_init, for a bare "earlycon": the early console on /chosen/stdout-path. */
int early_init_dt_scan_chosen_stdout(void);

void early_init_fdt_reserve_self(void);

/*
 * A /reserved-memory region that landed on memory reserved before it: the kernel image,
 * the DTB (Linux refuses a no-map one, and merges a plain one silently), or another
 * reservation. bootmem says so with a "bootmem:" line and keeps them for bootmem-layout.
 */
#define MAX_RESERVE_CONFLICTS	32
struct reserve_conflict {
	char node[64];
	phys_addr_t base, size;
	const char *with;	/* "the kernel image", "the device tree blob", ... */
	bool nomap;
};
extern struct reserve_conflict reserve_conflicts[MAX_RESERVE_CONFLICTS];
extern int nr_reserve_conflicts;
void early_init_fdt_scan_reserved_mem(void);
/* /reserved-memory has the root's cells and "ranges" (0), else -EINVAL. */
int __reserved_mem_check_root(unsigned long node);
/* Root #address-cells and #size-cells of 1 or 2, which the reg parsers can read. */
bool dt_root_cells_usable(void);

/*
 * Linux's unflattened tree (boot/of_unflatten.c): bootmem makes its memblock allocations
 * (the tree, one per alias) with Linux's sizes, without building it.
 * unflatten_dt_size: the first pass's byte count for @blob, or a negative libfdt error.
 * __unflatten_device_tree: allocates the tree through @dt_alloc (NULL if Linux builds none).
 * of_alias_scan: one @dt_alloc per alias Linux records, for the last tree unflattened.
 */
int unflatten_dt_size(const void *blob);
void *__unflatten_device_tree(const void *blob, void *(*dt_alloc)(u64 size, u64 align));
void of_alias_scan(void *(*dt_alloc)(u64 size, u64 align));
void unflatten_device_tree(void);

#endif
