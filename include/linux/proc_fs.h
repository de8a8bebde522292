/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The files people read on a running Linux, at Linux's paths (boot/procfs.c): /proc/iomem,
 * zoneinfo, buddyinfo, meminfo, debugfs memblock and the device tree under
 * /sys/firmware/devicetree/base, read with busybox's cat, ls and hexdump -C.
 */
#ifndef _BOOTMEM_LINUX_PROC_FS_H
#define _BOOTMEM_LINUX_PROC_FS_H

#include <linux/types.h>

struct seq_file;

/*
 * busybox's commands over these files: argv[0] is the command's name, the output and the
 * errors (in busybox's words, e.g. "cat: can't open '/proc/foo': No such file or
 * directory") go to @m in the order busybox prints them. Returns the exit status (0 or 1).
 * Paths are absolute or relative to "/".
 */
int proc_cmd_cat(int argc, char **argv, struct seq_file *m);
int proc_cmd_ls(int argc, char **argv, struct seq_file *m);
int proc_cmd_hexdump(int argc, char **argv, struct seq_file *m);

/*
 * @line run as a shell would run one of those commands (spaces separate words, '...' and
 * "..." quote, so cat '' names the empty path), to @m. False, with nothing printed, when
 * @line is none of them (or longer than PROC_CMD_LINE - 1 bytes).
 */
#define PROC_CMD_LINE	512
bool proc_run_command(const char *line, struct seq_file *m);

/* The bytes of file @path into @m: 0, or -ENOENT, -ENOTDIR, -EISDIR, -ELOOP. */
int proc_read_file(const char *path, struct seq_file *m);

/* What a negative errno means, in glibc's words (busybox prints these). */
const char *proc_strerror(int err);

/*
 * Path completion: calls @fn for every entry of directory @dir whose name starts with
 * @prefix, in ls order; @is_dir also for a link to a directory. Returns how many, or -errno.
 */
int proc_complete(const char *dir, const char *prefix,
		  void (*fn)(void *ctx, const char *name, bool is_dir), void *ctx);
/* Those entries in ls's columns (the monitor shows them on a second Tab). */
void proc_show_matches(const char *dir, const char *prefix, struct seq_file *m);

/* cat=PATH[,PATH...] on the command line: each file through printk at the end of boot. */
void proc_print_boot_files(void);

#endif
