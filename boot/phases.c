// SPDX-License-Identifier: GPL-2.0
/*
 * Boot phases: when each step of the memory bring-up ended (for the benchmark: with QEMU's
 * -icount the counter, and so these figures, repeat exactly), and the invariant checks that
 * `debug_invariants` runs after each phase.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/debug_invariants.h>

#define MAX_PHASES	8

static struct {
	const char *name;
	u64 ns;
} phases[MAX_PHASES];
static int nr_phases;
static bool opt_debug_invariants;
static bool opt_boot_phases;

void (*boot_phase_hook)(const char *name);

static int __init set_debug_invariants(char *v)
{
	opt_debug_invariants = true;
	return 0;
}
early_param("debug_invariants", set_debug_invariants);

static int __init set_boot_phases(char *v)
{
	opt_boot_phases = true;
	return 0;
}
early_param("boot_phases", set_boot_phases);

void boot_phase_done(const char *name)
{
	if (nr_phases < MAX_PHASES) {
		phases[nr_phases].name = name;
		phases[nr_phases].ns = local_clock();
		nr_phases++;
	}
	if (opt_debug_invariants)
		debug_invariants_check(name);
	if (boot_phase_hook)
		boot_phase_hook(name);
}

/* "bootmem: phases: memblock 1234 us, map_mem ..." with each phase's own duration. */
void boot_phases_print(void)
{
	u64 prev = 0;
	int i;

	if (!opt_boot_phases)
		return;
	bm_info("boot phases (time since entry; repeatable under QEMU -icount):\n");
	for (i = 0; i < nr_phases; i++) {
		bm_info("  %-9s ends at %8llu us, took %8llu us\n", phases[i].name,
			(phases[i].ns / 1000),
			((phases[i].ns - prev) / 1000));
		prev = phases[i].ns;
	}
}

static void phases_reset(void)
{
	nr_phases = 0;
	opt_debug_invariants = false;
	opt_boot_phases = false;
}
host_reset(phases_reset);
