// SPDX-License-Identifier: GPL-2.0
/*
 * The possible CPUs from the device tree, as Linux 6.1 arm64's smp_init_cpus() finds them
 * (arch/arm64/kernel/smp.c, cpu_ops.c, smp_spin_table.c): the boot CPU by its MPIDR, the
 * others by reg and a usable enable-method, each with its numa-node-id. Nothing is started.
 * Portable: the boot CPU's MPIDR comes from the read_cpuid_mpidr() hook.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/init.h>
#include <linux/cpumask.h>
#include <linux/numa.h>
#include <linux/of_fdt.h>
#include <linux/of_address.h>
#include <linux/of_numa.h>
#include <asm/setup.h>

#define MPIDR_HWID_BITMASK	0xff00ffffffULL
#define INVALID_HWID		ULLONG_MAX
#define MAP_BITS		(8 * sizeof(unsigned long))

unsigned int nr_cpu_ids = NR_CPUS;

static unsigned long possible_map[NR_CPUS / MAP_BITS];
static u64 cpu_logical_map[NR_CPUS] = { [0 ... NR_CPUS - 1] = INVALID_HWID };
/* The cpu node that gave each logical CPU. */
static int cpu_dt_node[NR_CPUS] = { [0 ... NR_CPUS - 1] = -1 };
static int cpu_to_node_map[NR_CPUS];
static unsigned int cpu_count = 1;
static bool bootcpu_valid;

bool cpu_possible(unsigned int cpu)
{
	return cpu < NR_CPUS && (possible_map[cpu / MAP_BITS] >> (cpu % MAP_BITS) & 1);
}

static void set_cpu_possible(unsigned int cpu)
{
	possible_map[cpu / MAP_BITS] |= 1UL << (cpu % MAP_BITS);
}

unsigned int num_possible_cpus(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < ARRAY_SIZE(possible_map); i++)
		n += __builtin_popcountl(possible_map[i]);
	return n;
}

int early_cpu_to_node(int cpu)
{
	return cpu >= 0 && cpu < NR_CPUS ? cpu_to_node_map[cpu] : 0;
}

/* drivers/base/arch_numa.c: an unknown node, or NUMA off (a faked node), means node 0. */
static void early_map_cpu_to_node(unsigned int cpu, int nid)
{
	if (nid < 0 || nid >= MAX_NUMNODES || numa_off)
		nid = 0;
	cpu_to_node_map[cpu] = nid;
}

/* of_get_next_cpu_node(): children of /cpus named "cpu" or of device_type "cpu", not failed. */
static bool of_node_is_cpu(const void *fdt, int node)
{
	const char *name = fdt_get_name(fdt, node, NULL), *s;
	int len;

	s = fdt_getprop(fdt, node, "status", &len);
	if (s && len > 0 && strnlen(s, len) < (size_t)len &&
	    (!strcmp(s, "fail") || !strncmp(s, "fail-", 5)))
		return false;
	if (name && !strncmp(name, "cpu", 3) && (name[3] == '\0' || name[3] == '@'))
		return true;
	s = fdt_getprop(fdt, node, "device_type", &len);
	return s && len > 0 && strnlen(s, len) < (size_t)len && !strcmp(s, "cpu");
}

/* of_get_cpu_hwid(dn, 0): the first reg entry, #address-cells of /cpus wide. */
static u64 of_get_cpu_hwid(const void *fdt, int node)
{
	const fdt32_t *cell;
	int ac = of_n_addr_cells(node), len;

	cell = fdt_getprop(fdt, node, "reg", &len);
	if (!cell || ac <= 0 || (int)sizeof(*cell) * ac > len)
		return ~0ULL;
	return of_read_number(cell, ac);
}

static bool is_mpidr_duplicate(unsigned int cpu, u64 hwid)
{
	unsigned int i;

	for (i = 1; i < cpu && i < NR_CPUS; i++)
		if (cpu_logical_map[i] == hwid)
			return true;
	return false;
}

static void of_parse_and_init_cpus(const void *fdt)
{
	int cpus, dn;

	/* of_find_node_by_path("/cpus"): the first child of the root named exactly "cpus" */
	fdt_for_each_subnode(cpus, fdt, 0) {
		const char *name = fdt_get_name(fdt, cpus, NULL);

		if (name && !strcmp(name, "cpus"))
			break;
	}
	if (cpus < 0)
		return;
	fdt_for_each_subnode(dn, fdt, cpus) {
		u64 hwid;

		if (!of_node_is_cpu(fdt, dn))
			continue;
		hwid = of_get_cpu_hwid(fdt, dn);
		if (hwid & ~MPIDR_HWID_BITMASK)
			goto next;
		if (is_mpidr_duplicate(cpu_count, hwid)) {
			pr_err("/cpus/%s: duplicate cpu reg properties in the DT\n",
			       fdt_get_name(fdt, dn, NULL));
			goto next;
		}
		/* The boot CPU is logical CPU 0 and needs no enable-method. */
		if (hwid == cpu_logical_map[0]) {
			if (bootcpu_valid) {
				pr_err("/cpus/%s: duplicate boot cpu reg property in DT\n",
				       fdt_get_name(fdt, dn, NULL));
				goto next;
			}
			bootcpu_valid = true;
			cpu_dt_node[0] = dn;
			early_map_cpu_to_node(0, of_node_to_nid(dn));
			continue;
		}
		if (cpu_count >= NR_CPUS)
			goto next;
		cpu_logical_map[cpu_count] = hwid;
		cpu_dt_node[cpu_count] = dn;
		early_map_cpu_to_node(cpu_count, of_node_to_nid(dn));
next:
		cpu_count++;
	}
}

/*
 * smp_cpu_setup(): init_cpu_ops() and the ops' cpu_init. "psci" always succeeds here;
 * "spin-table" needs a 64-bit cpu-release-addr. Linux's messages when not.
 */
static bool smp_cpu_setup(const void *fdt, unsigned int cpu)
{
	int dn = cpu_dt_node[cpu], len;
	const char *method = fdt_getprop(fdt, dn, "enable-method", &len);
	const fdt32_t *rel;

	if (!method) {
		pr_err("/cpus/%s: missing enable-method property\n", fdt_get_name(fdt, dn, NULL));
		return false;
	}
	if (len <= 0 || strnlen(method, len) == (size_t)len) {
		pr_warn("Unsupported enable-method: %.*s\n", len > 0 ? len : 0, method);
		return false;
	}
	if (!strcmp(method, "psci"))
		return true;
	if (strcmp(method, "spin-table")) {
		pr_warn("Unsupported enable-method: %s\n", method);
		return false;
	}
	rel = fdt_getprop(fdt, dn, "cpu-release-addr", &len);
	if (!rel || len < 8) {
		pr_err("CPU %d: missing or invalid cpu-release-addr property\n", cpu);
		return false;
	}
	return true;
}

void smp_init_cpus(void)
{
	const void *fdt = initial_boot_params;
	unsigned int i;

	cpu_logical_map[0] = read_cpuid_mpidr() & MPIDR_HWID_BITMASK;
	set_cpu_possible(0);
	if (fdt)
		of_parse_and_init_cpus(fdt);

	if (cpu_count > nr_cpu_ids)
		pr_warn("Number of cores (%d) exceeds configured maximum of %u - clipping\n",
			cpu_count, nr_cpu_ids);
	if (!bootcpu_valid) {
		pr_err("missing boot CPU MPIDR, not enabling secondaries\n");
		return;
	}
	for (i = 1; i < nr_cpu_ids; i++) {
		if (cpu_logical_map[i] == INVALID_HWID)
			continue;
		if (smp_cpu_setup(fdt, i))
			set_cpu_possible(i);
		else
			cpu_logical_map[i] = INVALID_HWID;
	}
}

void setup_nr_cpu_ids(void)
{
	unsigned int cpu, last = 0;

	for (cpu = 0; cpu < NR_CPUS; cpu++)
		if (cpu_possible(cpu))
			last = cpu;
	nr_cpu_ids = last + 1;
}

static void smp_reset(void)
{
	unsigned int i;

	nr_cpu_ids = NR_CPUS;
	memset(possible_map, 0, sizeof(possible_map));
	for (i = 0; i < NR_CPUS; i++) {
		cpu_logical_map[i] = INVALID_HWID;
		cpu_dt_node[i] = -1;
	}
	memset(cpu_to_node_map, 0, sizeof(cpu_to_node_map));
	cpu_count = 1;
	bootcpu_valid = false;
}
host_reset(smp_reset);
