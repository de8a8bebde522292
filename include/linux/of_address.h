/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Address translation through "ranges" / "dma-ranges" on the flat tree (Linux's
 * drivers/of/address.c); nodes are libfdt offsets into initial_boot_params.
 */
#ifndef _BOOTMEM_LINUX_OF_ADDRESS_H
#define _BOOTMEM_LINUX_OF_ADDRESS_H

#include <linux/types.h>
#include <libfdt.h>

#define OF_BAD_ADDR		((u64)-1)
#define OF_MAX_ADDR_CELLS	4
#define OF_CHECK_ADDR_COUNT(na)	((na) > 0 && (na) <= OF_MAX_ADDR_CELLS)
#define OF_CHECK_COUNTS(na, ns)	(OF_CHECK_ADDR_COUNT(na) && (ns) > 0)
/* Deeper trees than this are refused: the walks up the tree stay bounded. */
#define OF_MAX_DEPTH		64

/* #address-cells / #size-cells in effect for @node's own children (inherited, as Linux). */
int of_bus_n_addr_cells(int node);
int of_bus_n_size_cells(int node);
/* ... and for @node's reg (its parent's). */
int of_n_addr_cells(int node);
int of_n_size_cells(int node);

/* Translate @in_addr (the cells of a reg entry of @node) to a CPU physical address. */
/* The default bus: @addr's offset inside one "ranges" entry, then that offset applied. */
u64 of_bus_default_map(fdt32_t *addr, const fdt32_t *range, int na, int ns, int pna);
int of_bus_default_translate(fdt32_t *addr, u64 offset, int na);
u64 of_translate_address_cells(int node, const fdt32_t *in_addr);
u64 of_translate_dma_address_cells(int node, const fdt32_t *in_addr);
/* The same for a bus address given as a number (buses with up to 2 address cells). */
u64 of_translate_address(int node, u64 bus_addr);

/* reg entry @index of @node: pointer to its cells and its size; NULL if none. */
const fdt32_t *of_get_address(int node, int index, u64 *size);
/* reg entry @index translated to CPU physical: 0 or -EINVAL. */
int of_address_to_resource(int node, int index, u64 *start, u64 *size);

/* Highest CPU address every DMA master can reach (dma-ranges over the whole tree). */
u64 of_dma_get_max_cpu_address(void);
/* Same for the subtree at @node (Linux's of_dma_get_max_cpu_address(np)). */
u64 of_dma_get_max_cpu_address_node(int node);

/*
 * The console's node from /chosen/stdout-path (aliases and ":options" allowed), or -ENOENT
 * (none), -ENODEV (names no node) or -EINVAL (unusable, said with "bootmem: ").
 */
int of_stdout_node(void);
/* ... the options after ':' (NULL if none), and the path or alias it names (@len bytes). */
const char *of_stdout_options(void);
const char *of_stdout_path(int *len);
/* reg entry 0 of @node translated through the parents' ranges: 0 or -errno. */
int of_node_reg_translated(int node, u64 *addr, u64 *size);

#endif
