// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: bootmem-layout --efi-memmap's reader (tools/bootmem-layout/efi_input.c)
 * on arbitrary text: efi=debug logs, firmware reports and JSON, under ASan/UBSan. A file is
 * read or refused with a message; what it accepts is a map the boot can be given.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/efi_init.h>
#include <linux/version.h>
#include "../../tools/bootmem-layout/layout.h"

static struct bml_efi in;
/* The Linux the log is from: not known, 6.1 or 6.12 (chosen by the input's length). */
static const unsigned int versions[] = { 0, KERNEL_VERSION(6, 1, 0), KERNEL_VERSION(6, 12, 0) };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	int i;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (bml_efi_load(text, &in, versions[size % 3])) {
		/* Refused: always with a reason. */
		if (!bml_efi_error()[0])
			abort();
	} else {
		/* Accepted: a map, within the firmware model's bounds, of whole pages. */
		if (!in.seen_map || in.fw.nr_desc < 1 || in.fw.nr_desc > EFI_FW_MAX_DESC ||
		    in.nr_rsv > BML_EFI_MAX_RSV || in.nr_early > BML_EFI_MAX_RSV ||
		    in.nr_memattr < 0 || in.nr_memattr > BML_EFI_MAX_MEMATTR)
			abort();
		for (i = 0; i < in.nr_memattr; i++)
			if ((in.memattr[i].phys_addr & 0xfff) || !in.memattr[i].num_pages)
				abort();
		for (i = 0; i < in.fw.nr_desc; i++)
			if ((in.fw.desc[i].phys_addr & 0xfff) || !in.fw.desc[i].num_pages ||
			    in.fw.desc[i].num_pages - 1 > (~0ULL - in.fw.desc[i].phys_addr) >> 12)
				abort();
	}
	free(text);
	return 0;
}
