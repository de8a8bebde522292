/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's boot sequence on the host (host_boot.c): what head.S and the boot loader do,
 * then the same start_kernel, on simulated physical memory. Tests, bootmem-layout, the
 * fuzzer and the benchmarks all boot through here.
 */
#ifndef _HOST_BOOT_H
#define _HOST_BOOT_H

#include <linux/types.h>
#include <asm/image.h>

#define HOST_BOOT_DEFAULT	(~0ULL)		/* where QEMU's loader would put it */

struct host_boot_params {
	const void *fdt;		/* the blob as the boot loader hands it over */
	size_t fdt_len;			/* its length: reads past it are caught (ASan) */
	u64 kernel_at;			/* the Image's load address (2 MiB + 4 KiB aligned) */
	u64 kernel_size;		/* its image_size: Linux's (LINUX_IMAGE_SIZE) by default */
	u64 dtb_at;			/* the blob's physical address */
	/* A small synthetic image of bootmem's own inside the footprint (asm/sections.h). */
	bool own_image;
	/* Called at the end of each boot phase ("memblock", "map_mem", "memmap", "free_all"). */
	void (*phase)(const char *name);
};

#define HOST_BOOT_OK		0	/* start_kernel ran to the end */
#define HOST_BOOT_PANIC		1	/* the kernel panicked (panic_message() says why) */
#define HOST_BOOT_STOPPED	2	/* a phase hook called host_boot_stop() */
#define HOST_BOOT_BADPARAM	3	/* the placement does not fit the simulated machine */

/*
 * Puts every module back as a fresh boot finds it (their host_reset functions), places the
 * image model and the blob, and runs start_kernel. Returns HOST_BOOT_*.
 */
int host_boot(const struct host_boot_params *p);
/* From a phase hook: end the boot here (host_boot returns HOST_BOOT_STOPPED). */
void __attribute__((noreturn)) host_boot_stop(void);
/* Where the last host_boot placed the image and the blob. */
extern u64 host_kernel_at, host_kernel_size, host_dtb_at;

/*
 * QEMU's loader's placement for @fdt: the Image at the lowest memory range's 2 MiB-aligned
 * base + 2 MiB, the DTB at base + min(size / 2, 128 MiB) (scripts/dtb-place.py).
 */
void host_default_placement(const void *fdt, size_t len, u64 ksize, u64 *kernel_at, u64 *dtb_at);

/* One memory range of a layout for host_dt_build(): its node and MEMBLOCK_HOTPLUG/NOMAP. */
struct host_dt_region {
	u64 base, size;
	int nid;
	unsigned int flags;
};

/*
 * A QEMU-virt-like DT for @r: memory nodes (numa-node-id if @numa, hotpluggable), no-map
 * /reserved-memory children, a dma-ranges bus reaching @dma_max (0: none), a distance map,
 * /chosen/bootargs. Returns a malloc'd blob and its length, or NULL.
 */
void *host_dt_build(const struct host_dt_region *r, int n, bool numa, u64 dma_max,
		    const char *bootargs, size_t *len);

#endif
