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

/*
 * Debian ships Linux 6.12 with 16 KiB pages (linux-image-*-arm64-16k) and no 6.1: the
 * 16 KiB build (make PAGE_SIZE=16K) follows 6.12 only, and says so in the banner.
 */
#ifdef CONFIG_ARM64_16K_PAGES
#define LINUX_DEFAULT	LINUX_6_12
#define GRANULE_NOTE	" (16 KiB pages: Debian's arm64-16k, 6.12 only)"
#else
#define LINUX_DEFAULT	LINUX_6_1
#define GRANULE_NOTE	""
#endif

unsigned int linux_version_code = LINUX_DEFAULT;

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

/* linux=@val's version; 0 if unknown, or 6.1 in a 16 KiB build (Debian ships only 6.12 so). */
static unsigned int version_of(const char *val)
{
	unsigned int v = linux_version_of(val);

	return v == LINUX_6_1 && LINUX_DEFAULT == LINUX_6_12 ? 0 : v;
}

unsigned int linux_version_from_cmdline(const char *cmdline)
{
	static char buf[COMMAND_LINE_SIZE];
	const char *val = find_linux_param(cmdline, buf, sizeof(buf));
	unsigned int code = val ? version_of(val) : 0;

	return code ? code : LINUX_DEFAULT;
}

unsigned int linux_version_setup(const char *cmdline)
{
	static char buf[COMMAND_LINE_SIZE];
	const char *val = find_linux_param(cmdline, buf, sizeof(buf));

	linux_version_code = LINUX_DEFAULT;
	if (val && version_of(val))
		linux_version_code = version_of(val);
	bm_info("Linux %s arm64 early memory bring-up%s, shown plainly\n",
		linux_version_name(), GRANULE_NOTE);
	if (val && !version_of(val) && LINUX_DEFAULT == LINUX_6_12)
		bm_warn("linux=%s: not a Linux this 16 KiB build follows (Debian ships only 6.12 with 16 KiB pages): following 6.12\n",
			val);
	else if (val && !version_of(val))
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
	linux_version_code = LINUX_DEFAULT;
}
host_reset(linux_version_reset);
