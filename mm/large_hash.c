// SPDX-License-Identifier: GPL-2.0
/*
 * The system hash tables Linux 6.1 allocates from memblock before "Memory:": the dentry and
 * inode caches' (fs/dcache.c, fs/inode.c), sized by alloc_large_system_hash (mm/page_alloc.c)
 * from the pages free_area_init counted. bootmem keeps no caches; the memory is Linux's.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/numa.h>

/* Tables grow one more step of scale per 4x memory above 64 GiB (64-bit). */
#define ADAPT_SCALE_BASE	(64ULL << 30)
#define ADAPT_SCALE_SHIFT	2
#define ADAPT_SCALE_NPAGES	(ADAPT_SCALE_BASE >> PAGE_SHIFT)
/* sizeof(struct hlist_bl_head) and sizeof(struct hlist_head): one pointer */
#define HASH_BUCKET_SIZE	8

/* CONFIG_NUMA's default: spread the tables over the nodes (vmalloc), unless only one has memory. */
static int hashdist = 1;

void page_alloc_init(void)
{
	int nid, with_memory = 0;

	for_each_online_node(nid)
		if (NODE_DATA(nid) && NODE_DATA(nid)->node_present_pages)
			with_memory++;
	if (with_memory == 1)
		hashdist = 0;
}

static unsigned long roundup_pow_of_two(unsigned long n)
{
	return n <= 1 ? 1 : 1UL << fls64(n - 1);
}

static int get_order(unsigned long size)
{
	return size <= PAGE_SIZE ? 0 : fls64((size - 1) >> PAGE_SHIFT);
}

/*
 * Linux's alloc_large_system_hash() for a HASH_EARLY | HASH_ZERO table with no entries given on the
 * command line: one bucket per 2^scale bytes of the kernel's pages, a power of two, at most
 * 1/16 of memory; halved until memblock can give it.
 */
static __noipa void *alloc_large_system_hash(const char *tablename, unsigned long bucketsize,
					      int scale)
{
	unsigned long long max;
	unsigned long numentries, log2qty, size, adapt;
	void *table;

	numentries = round_up(nr_kernel_pages, SZ_1M / PAGE_SIZE);
	for (adapt = ADAPT_SCALE_NPAGES; adapt < numentries; adapt <<= ADAPT_SCALE_SHIFT)
		scale++;
	if (scale > PAGE_SHIFT)
		numentries >>= (scale - PAGE_SHIFT);
	else
		numentries <<= (PAGE_SHIFT - scale);
	if (numentries * bucketsize < PAGE_SIZE)
		numentries = PAGE_SIZE / bucketsize;
	numentries = roundup_pow_of_two(numentries);

	/* limit allocation size to 1/16 total memory by default */
	max = ((unsigned long long)nr_all_pages << PAGE_SHIFT) >> 4;
	max = min(max / bucketsize, 0x80000000ULL);
	if (numentries > max)
		numentries = max;
	/* Linux takes ilog2(0) here, on a machine with less than 32 pages; one bucket instead */
	log2qty = numentries ? ilog2_u64(numentries) : 0;

	do {
		size = bucketsize << log2qty;
		table = memblock_alloc(size, SMP_CACHE_BYTES);
	} while (!table && size > PAGE_SIZE && --log2qty);

	if (!table)
		panic("Failed to allocate %s hash table\n", tablename);

	pr_info("%s hash table entries: %ld (order: %d, %lu bytes, %s)\n",
		tablename, 1L << log2qty, get_order(size), size, "linear");
	return table;
}

/* fs/dcache.c's vfs_caches_init_early(): with hashdist the tables come later, from vmalloc. */
void vfs_caches_init_early(void)
{
	if (hashdist)
		return;
	alloc_large_system_hash("Dentry cache", HASH_BUCKET_SIZE, 13);
	alloc_large_system_hash("Inode-cache", HASH_BUCKET_SIZE, 14);
}

static void large_hash_reset(void)
{
	hashdist = 1;
}
host_reset(large_hash_reset);
