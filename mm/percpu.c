// SPDX-License-Identifier: GPL-2.0
/*
 * The per-CPU first chunk as Linux 6.1 (and 6.12) arm64 embeds it (mm/percpu.c;
 * setup_per_cpu_areas in drivers/base/arch_numa.c): one unit per possible CPU, grouped by node
 * and allocated on it, plus the allocator's tables, all from memblock in Linux's order and
 * sizes. bootmem keeps no per-CPU data there; the allocations are made so that what follows
 * lands where Linux's does.
 */
#define pr_fmt(fmt) "percpu: " fmt

#include <linux/kernel.h>
#include <linux/version.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <linux/cpumask.h>
#include <linux/numa.h>
#include <linux/mmzone.h>
#include <linux/percpu.h>
#include <asm/dma.h>

/*
 * __per_cpu_end - __per_cpu_start of Debian's Images, like image_size a fact of Linux's build:
 * 6.1.0-50 "percpu: Embedded 31 pages/cpu s87208 r8192 d31576 u126976", 6.12.117
 * "percpu: Embedded 34 pages/cpu s101464 r8192 d29608 u139264" (their boot logs).
 */
static size_t linux_percpu_static_size(void)
{
#ifdef CONFIG_ARM64_16K_PAGES
	/* 6.12.117-arm64-16k: s199960 (its boot log); its pcpu_fc_alloc of 245760 bytes follows. */
	return 199960;
#else
	return linux_since(6, 12) ? 101464 : 87208;
#endif
}
#define PERCPU_MODULE_RESERVE		(8 << 10)	/* CONFIG_MODULES */
#define PERCPU_DYNAMIC_RESERVE		(28 << 10)	/* 64-bit */
#define PERCPU_DYNAMIC_EARLY_SIZE	(12 << 10)
#define PCPU_MIN_UNIT_SIZE		PFN_ALIGN(32 << 10)
#define PCPU_MIN_ALLOC_SIZE		4
#define PCPU_BITMAP_BLOCK_SIZE		PAGE_SIZE
#define PCPU_SLOT_BASE_SHIFT		5

/*
 * Linux's structures on arm64 (LP64), for the sizes it asks memblock for:
 * pcpu_alloc_info = six size_t, __ai_size, nr_groups, then groups[] at 64;
 * pcpu_group_info = nr_units, base_offset, cpu_map (24); pcpu_block_md = 8 ints (32).
 */
#define SIZEOF_PCPU_ALLOC_INFO		64
#define SIZEOF_PCPU_GROUP_INFO		24
#define SIZEOF_PCPU_BLOCK_MD		32
#define SIZEOF_LIST_HEAD		16
#define BITS_TO_LONGS(n)		DIV_ROUND_UP(n, 64)

/*
 * sizeof(struct pcpu_chunk) (mm/percpu-internal.h; MEMCG_KMEM, no PERCPU_STATS), before its
 * populated[] bitmap: 136 bytes in 6.1. 6.12 puts base_addr on a cache line of its own
 * (____cacheline_aligned_in_smp, 64 bytes on arm64), so the struct is 136 rounded up to 192.
 */
static size_t sizeof_pcpu_chunk(void)
{
	return linux_since(6, 12) ? 192 : 136;
}

/* What pcpu_build_alloc_info() decides (Linux keeps it in the memblock-allocated ai). */
struct pcpu_info {
	void *ai;			/* the memblock allocation Linux's ai lives in */
	size_t ai_size;
	size_t static_size, reserved_size, dyn_size, unit_size, atom_size, alloc_size;
	int nr_groups;
	int group_cnt[NR_CPUS];		/* units (= CPUs: upa is 1) per group */
	int group_first_cpu[NR_CPUS];
};

static struct pcpu_info pcpu;
static int group_map[NR_CPUS];

/* The unit of each possible CPU is in a group with the CPUs at LOCAL_DISTANCE of it. */
static int pcpu_cpu_distance(unsigned int from, unsigned int to)
{
	return node_distance(early_cpu_to_node(from), early_cpu_to_node(to));
}

static __always_inline void *pcpu_alloc_alloc_info(int nr_groups, int nr_units)
{
	size_t base_size = ALIGN(SIZEOF_PCPU_ALLOC_INFO + nr_groups * SIZEOF_PCPU_GROUP_INFO,
				 sizeof(unsigned int));

	pcpu.ai_size = PFN_ALIGN(base_size + nr_units * sizeof(unsigned int));
	return memblock_alloc(pcpu.ai_size, PAGE_SIZE);
}

/*
 * Unit size from the static, reserved and dynamic sizes; CPUs grouped by proximity. With
 * PAGE_SIZE atoms a unit is one allocation (upa 1), so each group holds exactly its CPUs.
 */
static __noipa int pcpu_build_alloc_info(size_t reserved_size, size_t dyn_size,
					  size_t atom_size)
{
	size_t size_sum, min_unit_size;
	unsigned int cpu, tcpu;
	bool taken[NR_CPUS] = { false };
	int group, nr_units = 0;

	pcpu.static_size = linux_percpu_static_size();
	size_sum = PFN_ALIGN(pcpu.static_size + reserved_size +
			     max_t(size_t, dyn_size, PERCPU_DYNAMIC_EARLY_SIZE));
	pcpu.reserved_size = reserved_size;
	pcpu.dyn_size = size_sum - pcpu.static_size - reserved_size;
	min_unit_size = max_t(size_t, size_sum, PCPU_MIN_UNIT_SIZE);
	pcpu.alloc_size = roundup(min_unit_size, atom_size);
	pcpu.unit_size = pcpu.alloc_size;
	pcpu.atom_size = atom_size;

	for (group = 0;; group++) {
		for (cpu = 0; cpu < nr_cpu_ids && (!cpu_possible(cpu) || taken[cpu]); cpu++)
			;
		if (cpu >= nr_cpu_ids)
			break;
		taken[cpu] = true;
		group_map[cpu] = group;
		pcpu.group_first_cpu[group] = cpu;
		pcpu.group_cnt[group] = 1;
		for (tcpu = cpu + 1; tcpu < nr_cpu_ids; tcpu++) {
			if (!cpu_possible(tcpu) || taken[tcpu])
				continue;
			if (pcpu_cpu_distance(cpu, tcpu) == LOCAL_DISTANCE &&
			    pcpu_cpu_distance(tcpu, cpu) == LOCAL_DISTANCE) {
				taken[tcpu] = true;
				group_map[tcpu] = group;
				pcpu.group_cnt[group]++;
			}
		}
		nr_units += pcpu.group_cnt[group];
	}
	pcpu.nr_groups = group;

	pcpu.ai = pcpu_alloc_alloc_info(pcpu.nr_groups, nr_units);
	return pcpu.ai ? 0 : -ENOMEM;
}

/* The unit memory of a group, on its node when the node has memory (it has: NODE_DATA). */
static __noipa void *pcpu_fc_alloc(unsigned int cpu, size_t size, size_t align)
{
	const phys_addr_t goal = max_dma_phys();	/* __pa(MAX_DMA_ADDRESS) */
	int node = early_cpu_to_node(cpu);
	void *ptr;

	if (!node_online(node)) {
		ptr = memblock_alloc_from(size, align, goal);
		pr_info("cpu %d has no node %d or node-local memory\n", cpu, node);
	} else {
		ptr = memblock_alloc_try_nid(size, align, goal, MEMBLOCK_ALLOC_ACCESSIBLE, node);
	}
	return ptr;
}

static __noipa void pcpu_free_alloc_info(void)
{
	memblock_free(pcpu.ai, pcpu.ai_size);
}

/* One chunk's tables: the chunk, its allocation and boundary bitmaps, its block metadata. */
static __noipa void pcpu_alloc_first_chunk(unsigned long tmp_addr, int map_size)
{
	unsigned long start_offset = tmp_addr & ~PAGE_MASK;
	int region_size = ALIGN(start_offset + map_size, PAGE_SIZE);
	int nr_pages = region_size >> PAGE_SHIFT;
	int region_bits = nr_pages * PAGE_SIZE / PCPU_MIN_ALLOC_SIZE;
	size_t size;

	size = sizeof_pcpu_chunk() + BITS_TO_LONGS(nr_pages) * sizeof(unsigned long);
	if (!memblock_alloc(size, SMP_CACHE_BYTES))
		goto fail;
	size = BITS_TO_LONGS(region_bits) * sizeof(unsigned long);
	if (!memblock_alloc(size, SMP_CACHE_BYTES))
		goto fail;
	size = BITS_TO_LONGS(region_bits + 1) * sizeof(unsigned long);
	if (!memblock_alloc(size, SMP_CACHE_BYTES))
		goto fail;
	size = nr_pages * PAGE_SIZE / PCPU_BITMAP_BLOCK_SIZE * SIZEOF_PCPU_BLOCK_MD;
	if (!memblock_alloc(size, SMP_CACHE_BYTES))
		goto fail;
	return;
fail:
	panic("%s: Failed to allocate %zu bytes\n", __func__, size);
}

/* debug-level dump of the unit layout, as Linux prints it ("pcpu-alloc: [0] 0 [0] 1 "). */
static void pcpu_dump_alloc_info(void)
{
	int group_width = 1, cpu_width = 1, width, apl, v, group, alloc = 0;
	unsigned int cpu;

	for (v = pcpu.nr_groups; v /= 10;)
		group_width++;
	for (v = num_possible_cpus(); v /= 10;)
		cpu_width++;
	width = (cpu_width + 1) + group_width + 3;
	apl = 1 << (fls64(max(60 / width, 1)) - 1);

	printk(KERN_DEBUG "pcpu-alloc: s%zu r%zu d%zu u%zu alloc=%zu*%zu", pcpu.static_size,
	       pcpu.reserved_size, pcpu.dyn_size, pcpu.unit_size,
	       pcpu.alloc_size / pcpu.atom_size, pcpu.atom_size);
	for (group = 0; group < pcpu.nr_groups; group++) {
		for_each_possible_cpu(cpu) {
			if (group_map[cpu] != group)
				continue;
			if (!(alloc++ % apl)) {
				pr_cont("\n");
				printk(KERN_DEBUG "pcpu-alloc: ");
			}
			pr_cont("[%0*d] %0*u ", group_width, group, cpu_width, cpu);
		}
	}
	pr_cont("\n");
}

static __noipa void pcpu_setup_first_chunk(unsigned long base_addr)
{
	size_t static_size, dyn_size;
	unsigned int slots;
	size_t size;

	size = pcpu.nr_groups * sizeof(unsigned long);		/* group_offsets */
	if (!memblock_alloc(size, SMP_CACHE_BYTES))
		goto fail;
	size = pcpu.nr_groups * sizeof(size_t);			/* group_sizes */
	if (!memblock_alloc(size, SMP_CACHE_BYTES))
		goto fail;
	size = nr_cpu_ids * sizeof(int);			/* unit_map */
	if (!memblock_alloc(size, SMP_CACHE_BYTES))
		goto fail;
	size = nr_cpu_ids * sizeof(unsigned long);		/* unit_off */
	if (!memblock_alloc(size, SMP_CACHE_BYTES))
		goto fail;
	pcpu_dump_alloc_info();

	/* the size slots, then the sidelined, free and to-depopulate ones */
	slots = max(fls64(pcpu.unit_size) - PCPU_SLOT_BASE_SHIFT + 2, 1) + 4;
	size = slots * SIZEOF_LIST_HEAD;
	if (!memblock_alloc(size, SMP_CACHE_BYTES))
		goto fail;

	/* the reserved chunk after the static area, then the dynamic one */
	static_size = ALIGN(pcpu.static_size, PCPU_MIN_ALLOC_SIZE);
	dyn_size = pcpu.dyn_size - (static_size - pcpu.static_size);
	pcpu_alloc_first_chunk(base_addr + static_size, pcpu.reserved_size);
	pcpu_alloc_first_chunk(base_addr + static_size + pcpu.reserved_size, dyn_size);
	return;
fail:
	panic("%s: Failed to allocate %zu bytes\n", __func__, size);
}

static __noipa int pcpu_embed_first_chunk(size_t reserved_size, size_t dyn_size,
					   size_t atom_size)
{
	size_t size_sum, areas_size;
	unsigned long base = ~0UL;
	void *areas[NR_CPUS] = { NULL }, *areas_mem;
	int group, rc;
	unsigned int i;

	rc = pcpu_build_alloc_info(reserved_size, dyn_size, atom_size);
	if (rc)
		return rc;
	size_sum = pcpu.static_size + pcpu.reserved_size + pcpu.dyn_size;
	areas_size = PFN_ALIGN(pcpu.nr_groups * sizeof(void *));

	areas_mem = memblock_alloc(areas_size, SMP_CACHE_BYTES);
	if (!areas_mem) {
		rc = -ENOMEM;
		goto out_free;
	}
	for (group = 0; group < pcpu.nr_groups; group++) {
		areas[group] = pcpu_fc_alloc(pcpu.group_first_cpu[group],
					     pcpu.group_cnt[group] * pcpu.unit_size, atom_size);
		if (!areas[group]) {
			rc = -ENOMEM;
			goto out_free_areas;
		}
		base = min(base, (unsigned long)areas[group]);
	}
	/* each unit gives back what the unit size has beyond static + reserved + dynamic */
	for (group = 0; group < pcpu.nr_groups; group++)
		for (i = 0; i < pcpu.group_cnt[group]; i++)
			memblock_free((char *)areas[group] + i * pcpu.unit_size + size_sum,
				      pcpu.unit_size - size_sum);

	pr_info("Embedded %zu pages/cpu s%zu r%zu d%zu u%zu\n", PFN_DOWN(size_sum),
		pcpu.static_size, pcpu.reserved_size, pcpu.dyn_size, pcpu.unit_size);
	pcpu_setup_first_chunk(base);
	goto out_free;

out_free_areas:
	for (group = 0; group < pcpu.nr_groups; group++)
		if (areas[group])
			memblock_free(areas[group], pcpu.group_cnt[group] * pcpu.unit_size);
out_free:
	pcpu_free_alloc_info();
	memblock_free(areas_mem, areas_size);
	return rc;
}

void setup_per_cpu_areas(void)
{
	int rc = pcpu_embed_first_chunk(PERCPU_MODULE_RESERVE, PERCPU_DYNAMIC_RESERVE, PAGE_SIZE);

	if (rc < 0)
		panic("Failed to initialize percpu areas (err=%d).", rc);
}

static void percpu_reset(void)
{
	memset(&pcpu, 0, sizeof(pcpu));
	memset(group_map, 0, sizeof(group_map));
}
host_reset(percpu_reset);
