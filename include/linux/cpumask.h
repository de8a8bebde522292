/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The possible CPUs, as Linux 6.1 arm64's smp_init_cpus() finds them in the device tree
 * (arch/arm64/kernel/smp.c), and their NUMA nodes. bootmem starts none of the secondaries:
 * the count and the nodes size Linux's per-CPU areas and swiotlb's areas.
 */
#ifndef _BOOTMEM_LINUX_CPUMASK_H
#define _BOOTMEM_LINUX_CPUMASK_H

#include <linux/types.h>

#define NR_CPUS		256	/* Debian arm64: CONFIG_NR_CPUS=256 */

/* One past the highest possible CPU once setup_nr_cpu_ids() ran; NR_CPUS before. */
extern unsigned int nr_cpu_ids;

bool cpu_possible(unsigned int cpu);
unsigned int num_possible_cpus(void);
#define for_each_possible_cpu(cpu) \
	for ((cpu) = 0; (cpu) < nr_cpu_ids; (cpu)++) if (cpu_possible(cpu))

/* The node of @cpu (drivers/base/arch_numa.c's cpu_to_node_map), 0 when unknown. */
int early_cpu_to_node(int cpu);

/* setup_arch: the boot CPU and every DT cpu node with a usable enable-method. */
void smp_init_cpus(void);
/* start_kernel: nr_cpu_ids = the highest possible CPU + 1. */
void setup_nr_cpu_ids(void);

#endif
