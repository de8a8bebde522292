// SPDX-License-Identifier: GPL-2.0
/*
 * Shim for Linux's memblock simulator: what bootmem's lib/ and page allocator provide to
 * mm/memblock.c in the kernel (printk, panic, the page hand-over), reduced to stubs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/mm.h>
#include <linux/version.h>
#include <linux/memblock.h>

static struct page dummy_page;

/* The Linux whose simulator this is: our memblock follows it (linux/version.h). */
unsigned int linux_version_code = SHIM_LINUX_VERSION;

/*
 * As bootmem's boot does once /chosen names the Linux (linux_version_setup()), before
 * memblock holds anything: the simulator's first check looks at that initial state.
 */
static void __attribute__((constructor)) shim_follow_linux(void)
{
	memblock_follow_linux_version();
}

/* Messages go to stderr only when asked: the simulator's own output stays clean. */
int vprintk(const char *fmt, va_list args)
{
	if (!getenv("MEMBLOCK_SHIM_VERBOSE"))
		return 0;
	if (fmt[0] == '\001' && fmt[1])
		fmt += 2;
	return vfprintf(stderr, fmt, args);
}

int printk(const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vprintk(fmt, args);
	va_end(args);
	return n;
}

void panic(const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	fprintf(stderr, "Kernel panic - not syncing: ");
	vfprintf(stderr, fmt, args);
	fprintf(stderr, "\n");
	va_end(args);
	abort();
}

struct page *pfn_to_page(unsigned long pfn)
{
	return &dummy_page;
}

void totalram_pages_add(long count)
{
}

void memblock_free_pages(struct page *page, unsigned long pfn, unsigned int order)
{
}

void reserve_bootmem_region(phys_addr_t start, phys_addr_t end)
{
}

void reset_all_zones_managed_pages(void)
{
}
