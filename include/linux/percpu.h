/* SPDX-License-Identifier: GPL-2.0 */
/* The per-CPU first chunk's memblock allocations, as Linux 6.1 arm64 makes them (mm/percpu.c). */
#ifndef _BOOTMEM_LINUX_PERCPU_H
#define _BOOTMEM_LINUX_PERCPU_H

/* start_kernel, after setup_nr_cpu_ids(): one unit per possible CPU, on its node. */
void setup_per_cpu_areas(void);

#endif
