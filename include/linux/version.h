/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which Linux bootmem follows: 6.1 (the default) or 6.12 (linux=6.12 on the command line,
 * bootmem-layout --linux 6.12). Where the two differ, the code asks linux_since(6, 12) right
 * beside the behaviour and names the Linux function or commit that changed it.
 */
#ifndef _BOOTMEM_LINUX_VERSION_H
#define _BOOTMEM_LINUX_VERSION_H

#include <linux/types.h>
#include <linux/string.h>

#define KERNEL_VERSION(a, b, c)	(((a) << 16) + ((b) << 8) + ((c) > 255 ? 255 : (c)))

/* KERNEL_VERSION(6, 1, 0) or KERNEL_VERSION(6, 12, 0); the boot sets it once, from /chosen. */
extern unsigned int linux_version_code;

/* True when the Linux followed is @major.@minor or newer. */
static inline bool linux_since(unsigned int major, unsigned int minor)
{
	return linux_version_code >= KERNEL_VERSION(major, minor, 0);
}

/* The version code linux=@val asks for ("6.1" or "6.12"); 0 for any other value. */
static inline unsigned int linux_version_of(const char *val)
{
	if (!strcmp(val, "6.1"))
		return KERNEL_VERSION(6, 1, 0);
	if (!strcmp(val, "6.12"))
		return KERNEL_VERSION(6, 12, 0);
	return 0;
}

/* "6.1" or "6.12". */
const char *linux_version_name(void);

/*
 * Parses linux= in @cmdline ("6.1" or "6.12"; anything else: a bootmem: message naming the
 * value, and 6.1), before memblock holds its first region, and prints the banner. Returns
 * the version code chosen.
 */
unsigned int linux_version_setup(const char *cmdline);

/* The version linux= in @cmdline asks for, without a word (the host's boot loader model). */
unsigned int linux_version_from_cmdline(const char *cmdline);

#endif
