// SPDX-License-Identifier: GPL-2.0
/* Address-to-symbol lookup over the table scripts/kallsyms.py generates at link time. */
#include <linux/kernel.h>

#include <linux/sprintf.h>
#include <asm/sections.h>

/*
 * The tables scripts/kallsyms.py generates (build/kallsyms*.S), weak so that the first of
 * the three links, which has none yet, still links.
 */
extern const unsigned long kallsyms_num __attribute__((weak));
extern const unsigned long kallsyms_addresses[] __attribute__((weak));
extern const unsigned int kallsyms_name_offsets[] __attribute__((weak));
extern const char kallsyms_names[] __attribute__((weak));

/* Returns the name of the function containing @addr, or NULL outside the kernel's text. */
const char *kallsyms_lookup(unsigned long addr, unsigned long *size, unsigned long *offset)
{
	unsigned long lo = 0, hi, n;

	if (!&kallsyms_num || !kallsyms_num)
		return NULL;
	n = kallsyms_num;
	if (addr < kallsyms_addresses[0] || addr >= (unsigned long)_etext)
		return NULL;
	hi = n;
	while (hi - lo > 1) {
		unsigned long mid = lo + (hi - lo) / 2;

		if (kallsyms_addresses[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	/* Aliases share an address: report the first name at it. */
	while (lo > 0 && kallsyms_addresses[lo - 1] == kallsyms_addresses[lo])
		lo--;
	if (size) {
		unsigned long next = lo + 1;

		while (next < n && kallsyms_addresses[next] == kallsyms_addresses[lo])
			next++;
		*size = (next < n ? kallsyms_addresses[next] : (unsigned long)_etext) -
			kallsyms_addresses[lo];
	}
	if (offset)
		*offset = addr - kallsyms_addresses[lo];
	return kallsyms_names + kallsyms_name_offsets[lo];
}
