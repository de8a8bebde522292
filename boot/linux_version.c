// SPDX-License-Identifier: GPL-2.0
/*
 * linux=6.1|6.12: which Linux bootmem follows. Read from the command line as soon as /chosen
 * has been scanned, before memblock holds anything, since memblock itself differs.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/version.h>
#include <linux/memblock.h>

#define LINUX_6_1	KERNEL_VERSION(6, 1, 0)
#define LINUX_6_12	KERNEL_VERSION(6, 12, 0)

unsigned int linux_version_code = LINUX_6_1;

const char *linux_version_name(void)
{
	return linux_since(6, 12) ? "6.12" : "6.1";
}

/* The last linux= before a bare "--" (as every parameter: the last one wins); NULL if none. */
static const char *find_linux_param(const char *cmdline, char *buf, size_t size)
{
	char *args = buf, *param, *val;
	const char *found = NULL;

	snprintf(buf, size, "%s", cmdline ? cmdline : "");
	args = skip_spaces(args);
	while (*args) {
		args = next_arg(args, &param, &val);
		if (!val && !strcmp(param, "--"))
			break;
		if (parameq(param, "linux"))
			found = val ? val : "";
	}
	return found;
}

unsigned int linux_version_from_cmdline(const char *cmdline)
{
	static char buf[COMMAND_LINE_SIZE];
	const char *val = find_linux_param(cmdline, buf, sizeof(buf));
	unsigned int code = val ? linux_version_of(val) : 0;

	return code ? code : LINUX_6_1;
}

unsigned int linux_version_setup(const char *cmdline)
{
	static char buf[COMMAND_LINE_SIZE];
	const char *val = find_linux_param(cmdline, buf, sizeof(buf));

	linux_version_code = LINUX_6_1;
	if (val && linux_version_of(val))
		linux_version_code = linux_version_of(val);
	bm_info("Linux %s arm64 early memory bring-up, shown plainly\n",
		linux_version_name());
	if (val && !linux_version_of(val))
		bm_warn("linux=%s: not a Linux bootmem follows (6.1 or 6.12): following 6.1\n", val);
	/* memblock's empty arrays look different in 6.12: set them up before the first region. */
	memblock_follow_linux_version();
	return linux_version_code;
}

/* Claimed here so that it is not an unknown parameter; linux_version_setup() did the work. */
static int __init early_linux(char *val)
{
	return 0;
}
early_param("linux", early_linux);

static void linux_version_reset(void)
{
	linux_version_code = LINUX_6_1;
}
host_reset(linux_version_reset);
