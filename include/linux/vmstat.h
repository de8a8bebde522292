/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The memory reports Linux keeps under /proc (mm/vmstat.c, fs/proc/meminfo.c): zoneinfo,
 * buddyinfo and meminfo, printed through a seq_file, and the NUMA allocation events.
 */
#ifndef _BOOTMEM_LINUX_VMSTAT_H
#define _BOOTMEM_LINUX_VMSTAT_H

#include <linux/types.h>

struct seq_file;
struct zone;

/* enum numa_stat_item: counted per zone on every buddy allocation (Linux's zone_statistics). */
enum numa_stat_item {
	NUMA_HIT,		/* allocated on the node it was meant for */
	NUMA_MISS,		/* allocated here though another node was preferred */
	NUMA_FOREIGN,		/* meant for this node, allocated elsewhere */
	NUMA_INTERLEAVE_HIT,	/* interleave policy: bootmem has none */
	NUMA_LOCAL,		/* on the allocating CPU's node */
	NUMA_OTHER,		/* on another node */
	NR_VM_NUMA_EVENT_ITEMS
};

/* /proc/zoneinfo: every zone of every online node, Linux 6.1's zoneinfo_show_print(). */
void zoneinfo_show(struct seq_file *m);
/* /proc/buddyinfo: free blocks per order of each populated zone (frag_show_print()). */
void frag_show(struct seq_file *m);
/* /proc/meminfo: the lines of meminfo_proc_show() that bootmem has the numbers for. */
void meminfo_proc_show(struct seq_file *m);

/* Linux's si_mem_available(), MemAvailable: free pages above what the zones keep back. */
long si_mem_available(void);

#endif
