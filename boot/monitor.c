// SPDX-License-Identifier: GPL-2.0
/*
 * The interactive monitor on the console, when the kernel is not told to power off:
 * look at memblock, zones, the buddy lists and page tables, follow one physical address
 * through every layer, allocate or free pages by hand, and read Linux's files at Linux's
 * paths (cat, ls, hexdump -C; boot/procfs.c), with Tab completing commands and paths.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/mmzone.h>
#include <linux/serial.h>
#include <linux/reboot.h>
#include <linux/reserve_owners.h>
#include <linux/start_kernel.h>
#include <linux/seq_file.h>
#include <linux/proc_fs.h>
#include <asm/memory.h>
#include <asm/ptdump.h>


#define MON_LINE	256
#define MON_PROMPT	"bootmem> "

static void mon_puts(const char *s)
{
	while (*s) {
		if (*s == '\n')
			console_putc('\r');
		console_putc(*s++);
	}
}

/* What the files' readers print goes to the console as a terminal wants it: CR before LF. */
static void mon_seq_write(struct seq_file *m, const char *buf, size_t len)
{
	while (len--) {
		if (*buf == '\n')
			console_putc('\r');
		console_putc(*buf++);
	}
}

static struct seq_file mon_seq = { .write = mon_seq_write };

static const char * const mon_commands[] = {
	"alloc", "buddyinfo", "cat", "free", "help", "hexdump", "ls", "memblock", "phys",
	"poweroff", "ptdump", "walk", "zoneinfo",
};

/* Candidates for Tab: how many, their longest common prefix, and whether the one is a directory. */
struct mon_completion {
	char common[MON_LINE];
	int count;
	bool is_dir;
};

static void mon_complete_add(void *ctx, const char *name, bool is_dir)
{
	struct mon_completion *c = ctx;
	size_t i;

	if (!c->count++) {
		snprintf(c->common, sizeof(c->common), "%s", name);
		c->is_dir = is_dir;
		return;
	}
	for (i = 0; c->common[i] && c->common[i] == name[i]; i++)
		;
	c->common[i] = 0;
}

/* Append @s to the line being edited, echoing it; false when it does not fit. */
static bool mon_insert(char *buf, int *n, int size, const char *s)
{
	int len = strlen(s);

	if (*n + len >= size)
		return false;
	memcpy(buf + *n, s, len);
	*n += len;
	buf[*n] = 0;
	mon_puts(s);
	return true;
}

/*
 * Tab: complete the last word, a command name or a path. One candidate is completed (with
 * '/' after a directory); several are completed as far as they agree, and a second Tab
 * lists them in ls's columns.
 */
static void mon_tab(char *buf, int *n, int size, bool again)
{
	struct mon_completion c = { .count = 0 };
	int start = *n, plen;
	const char *word, *slash;
	char dir[MON_LINE];
	bool command = true;
	size_t i;

	buf[*n] = 0;
	while (start > 0 && buf[start - 1] != ' ')
		start--;
	word = buf + start;
	for (i = 0; i < start; i++)
		if (buf[i] != ' ')
			command = false;
	if (command) {
		for (i = 0; i < ARRAY_SIZE(mon_commands); i++)
			if (!strncmp(mon_commands[i], word, strlen(word)))
				mon_complete_add(&c, mon_commands[i], false);
		dir[0] = 0;
	} else {
		slash = strrchr(word, '/');
		plen = slash ? slash - word + 1 : 0;
		snprintf(dir, sizeof(dir), "%.*s", plen, word);
		word += plen;
		proc_complete(dir, word, mon_complete_add, &c);
	}
	if (!c.count) {
		console_putc('\a');
		return;
	}
	if (strlen(c.common) > strlen(word)) {
		mon_insert(buf, n, size, c.common + strlen(word));
		if (c.count == 1)
			mon_insert(buf, n, size, c.is_dir ? "/" : " ");
		return;
	}
	if (c.count == 1) {
		mon_insert(buf, n, size, c.is_dir ? "/" : " ");
		return;
	}
	if (!again) {
		console_putc('\a');
		return;
	}
	mon_puts("\n");
	if (command) {
		for (i = 0; i < ARRAY_SIZE(mon_commands); i++) {
			if (!strncmp(mon_commands[i], word, strlen(word))) {
				mon_puts(mon_commands[i]);
				mon_puts("  ");
			}
		}
		mon_puts("\n");
	} else {
		proc_show_matches(dir, word, &mon_seq);
	}
	mon_puts(MON_PROMPT);
	mon_puts(buf);
}

/* Read one line with echo, backspace, ^U and Tab completion; returns its length. */
static int mon_readline(char *buf, int size)
{
	int n = 0, c;
	bool tab_again = false;

	buf[0] = 0;
	for (;;) {
		c = console_getc();
		if (c < 0)
			continue;
		if (c == '\t') {
			mon_tab(buf, &n, size, tab_again);
			tab_again = true;
			continue;
		}
		tab_again = false;
		if (c == '\r' || c == '\n') {
			mon_puts("\n");
			buf[n] = 0;
			return n;
		}
		if (c == 0x7f || c == 0x08) {
			if (n > 0) {
				n--;
				mon_puts("\b \b");
			}
			continue;
		}
		if (c == 0x15) {		/* ^U: erase the line */
			while (n > 0) {
				n--;
				mon_puts("\b \b");
			}
			continue;
		}
		if (c < 0x20 || n >= size - 1)
			continue;
		buf[n++] = (char)c;
		buf[n] = 0;
		console_putc((char)c);
	}
}

static const char *region_flags_str(enum memblock_flags f)
{
	if (f & MEMBLOCK_NOMAP)
		return "NOMAP";
	if (f & MEMBLOCK_HOTPLUG)
		return "HOTPLUG";
	if (f & MEMBLOCK_MIRROR)
		return "MIRROR";
	return "none";
}

/* The story of one physical address through memblock, nodes, zones, struct page and MMU. */
static void cmd_phys(phys_addr_t pa)
{
	struct memblock_region *r, *mem = NULL, *rsv = NULL;
	unsigned long pfn = PHYS_PFN(pa);
	struct page *page;
	u64 va;

	pr_info("phys %pa (pfn %#lx):\n", &pa, pfn);
	for_each_mem_region(r)
		if (pa >= r->base && pa - r->base < r->size)
			mem = r;
	for_each_reserved_mem_region(r)
		if (pa >= r->base && pa - r->base < r->size)
			rsv = r;
	if (mem)
		pr_info("  memblock.memory  [mem %#018llx-%#018llx] node %d flags %#x (%s)\n",
			mem->base, (mem->base + mem->size - 1),
			memblock_get_region_node(mem), mem->flags, region_flags_str(mem->flags));
	else
		pr_info("  not in memblock.memory: not RAM as far as the kernel knows\n");
	if (rsv)
		pr_info("  memblock.reserved [mem %#018llx-%#018llx]\n",
			rsv->base, (rsv->base + rsv->size - 1));
	else if (mem)
		pr_info("  not reserved in memblock\n");
	if (!pfn_valid(pfn)) {
		pr_info("  no struct page (pfn_valid is false)\n");
	} else {
		page = pfn_to_page(pfn);
		pr_info("  struct page at %px: node %d, zone %s, flags %#lx%s%s, refcount %d\n",
			page, page_to_nid(page), page_zone(page)->name, page->flags,
			PageReserved(page) ? " Reserved" : "", PageBuddy(page) ? " Buddy" : "",
			page_ref_count(page));
		if (PageBuddy(page))
			pr_info("  heads a free block of order %u\n", page->private);
	}
	if (arch_linear_mapped(pa, &va))
		pr_info("  linear map: %#llx\n", va);
	else
		pr_info("  not in the linear map%s\n",
			mem && (mem->flags & MEMBLOCK_NOMAP) ? " (no-map memory is never mapped)" : "");
}

static void cmd_alloc(char *args)
{
	char *end;
	unsigned long order = simple_strtoull(args, &end, 0);
	gfp_t gfp = GFP_KERNEL;
	struct page *page;

	if (end == args || order >= MAX_ORDER) {
		pr_info("alloc: want ORDER 0..%d [dma|dma32|movable]\n", MAX_ORDER - 1);
		return;
	}
	while (*end == ' ')
		end++;
	if (!strcmp(end, "dma"))
		gfp |= __GFP_DMA;
	else if (!strcmp(end, "dma32"))
		gfp |= __GFP_DMA32;
	else if (!strcmp(end, "movable"))
		gfp |= __GFP_MOVABLE;
	else if (*end) {
		pr_info("alloc: unknown zone modifier \"%s\" (dma, dma32, movable)\n", end);
		return;
	}
	page = alloc_pages(gfp, order);
	if (!page) {
		pr_info("alloc: order %lu failed\n", order);
		return;
	}
	pr_info("alloc: order %lu -> pfn %#lx (phys %#llx, zone %s, node %d)\n", order,
		page_to_pfn(page), PFN_PHYS(page_to_pfn(page)),
		page_zone(page)->name, page_to_nid(page));
}

/*
 * free PFN ORDER: hand a block back as __free_pages() would. A block of 2^ORDER pages starts
 * on a multiple of 2^ORDER, so any other PFN is refused before the allocator sees it; when
 * the allocator refuses (Linux's "Bad page state" report: a double free, a reserved page, the
 * wrong order) the free page count does not move, and we say that nothing was freed.
 */
void monitor_cmd_free(char *args)
{
	char *end, *p;
	unsigned long pfn, order, before;

	pfn = simple_strtoull(args, &end, 0);
	p = end;
	while (*p == ' ')
		p++;
	order = simple_strtoull(p, &end, 0);
	if (end == args || end == p || *skip_spaces(end)) {
		pr_info("free: want PFN ORDER (numbers)\n");
		return;
	}
	if (order >= MAX_ORDER) {
		pr_info("free: order %lu is not below MAX_ORDER (%d): refused, nothing freed\n",
			order, MAX_ORDER);
		return;
	}
	if (pfn & ((1UL << order) - 1)) {
		pr_info("free: pfn %#lx is not aligned to order %lu (a multiple of %lu pages): refused, nothing freed\n",
			pfn, order, 1UL << order);
		return;
	}
	if (!pfn_valid(pfn)) {
		pr_info("free: pfn %#lx has no struct page: refused, nothing freed\n", pfn);
		return;
	}
	/* The allocator refuses a bad free with a report; a good one may wait on a per-CPU list. */
	before = nr_bad_pages;
	__free_pages(pfn_to_page(pfn), order);
	if (nr_bad_pages != before) {
		pr_info("free: nothing freed: the allocator refused pfn %#lx order %lu (see the report above)\n",
			pfn, order);
		return;
	}
	pr_info("free: pfn %#lx order %lu\n", pfn, order);
}

static void cmd_help(void)
{
	mon_puts("commands:\n"
		 "  memblock            the memblock arrays (Linux's MEMBLOCK configuration), and who\n"
		 "                      holds each reserved range (image, DTB, initrd, crash kernel...)\n"
		 "  zoneinfo            per-zone free/min/low/high/spanned/present/managed, pagesets\n"
		 "  buddyinfo           free blocks per order (/proc/buddyinfo)\n"
		 "  ptdump              the kernel page tables\n"
		 "  walk VA             the translation-table walk of one virtual address\n"
		 "  phys PA             one physical address through memblock, zones, struct page, MMU\n"
		 "  alloc ORDER [dma|dma32|movable]   allocate 2^ORDER pages\n"
		 "  free PFN ORDER      free them again\n"
		 "  help                this text\n"
		 "  poweroff            power the machine off\n"
		 "files, at Linux's paths, in Linux's formats (Tab completes commands and paths):\n"
		 "  cat FILE...         e.g. /proc/iomem, /proc/zoneinfo, /proc/buddyinfo, /proc/meminfo,\n"
		 "                      /sys/kernel/debug/memblock/memory and .../reserved\n"
		 "  ls [DIR...]         /proc, /sys/firmware/devicetree/base (= /proc/device-tree), ...\n"
		 "  hexdump -C FILE...  e.g. /proc/device-tree/reserved-memory/NODE/reg\n"
		 "  /proc/iomem has RAM, no-map and kernel ranges only: bootmem probes no devices,\n"
		 "  so the UART, PCIe and other device windows Linux lists are not there\n");
}

static bool run_command(char *line)
{
	char *args;

	if (proc_run_command(line, &mon_seq))
		return true;
	args = strchr(line, ' ');
	if (args) {
		*args++ = 0;
		while (*args == ' ')
			args++;
	} else {
		args = line + strlen(line);
	}
	if (!*line)
		return true;
	if (!strcmp(line, "memblock")) {
		__memblock_dump_all();
		memblock_reserved_owners_show();
	}
	else if (!strcmp(line, "zoneinfo"))
		show_zoneinfo();
	else if (!strcmp(line, "buddyinfo"))
		show_buddyinfo();
	else if (!strcmp(line, "ptdump"))
		ptdump_kernel();
	else if (!strcmp(line, "walk") && *args)
		arch_show_walk(simple_strtoull(args, NULL, 0));
	else if (!strcmp(line, "phys") && *args)
		cmd_phys(simple_strtoull(args, NULL, 0));
	else if (!strcmp(line, "alloc"))
		cmd_alloc(args);
	else if (!strcmp(line, "free"))
		monitor_cmd_free(args);
	else if (!strcmp(line, "help"))
		cmd_help();
	else if (!strcmp(line, "poweroff"))
		return false;
	else
		pr_info("unknown command \"%s\" (try help)\n", line);
	return true;
}

void __noreturn monitor_run(void)
{
	char line[MON_LINE];

	mon_puts("\nbootmem monitor: type help for the commands.\n");
	for (;;) {
		mon_puts(MON_PROMPT);
		mon_readline(line, sizeof(line));
		if (!run_command(line))
			break;
	}
	machine_power_off();
}
