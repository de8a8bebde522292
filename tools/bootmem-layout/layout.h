/* SPDX-License-Identifier: GPL-2.0 */
/* bootmem-layout: one layout run (layout.c) and its reports (report.c), for main.c. */
#ifndef _BML_LAYOUT_H
#define _BML_LAYOUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#define BML_EXIT_OK		0
#define BML_EXIT_BADINPUT	2

struct bml_opts {
	const char *name;		/* the input's file name, for messages */
	void *blob;			/* the DTB as the boot loader would hand it over */
	size_t blob_len;
	const char *append;		/* NULL: leave /chosen/bootargs alone */
	uint64_t kernel_at, kernel_size, dtb_at;	/* ~0 = default placement */
	bool json, timestamps;
};

/* Runs the boot in this process (call it in a fresh child) and prints the report. */
int bml_run(const struct bml_opts *o);

/* Prints the layout as JSON on stdout; @log is everything the kernel printed. */
void bml_report_json(const char *log, int status);

#endif
