/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CPUs as the memory code sees them: bootmem runs on the boot CPU alone (with -smp N the
 * secondaries stay parked), so one CPU is online and it is CPU 0.
 */
#ifndef _BOOTMEM_LINUX_CPUMASK_H
#define _BOOTMEM_LINUX_CPUMASK_H

/* Linux's NR_CPUS (256 on Debian) sizes memblock's arrays; this is how many CPUs run here. */
#define BOOTMEM_CPUS		1

static inline unsigned int num_online_cpus(void)
{
	return 1;
}

static inline int smp_processor_id(void)
{
	return 0;
}

#define for_each_online_cpu(cpu)	for ((cpu) = 0; (cpu) < BOOTMEM_CPUS; (cpu)++)
#define for_each_possible_cpu(cpu)	for_each_online_cpu(cpu)

#endif
