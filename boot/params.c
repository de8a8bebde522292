// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel command line: boot_command_line, the early_param pass (Linux's
 * parse_early_param) and the later pass that reports words nobody claimed (init/main.c).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/init.h>

char boot_command_line[COMMAND_LINE_SIZE];

/* Weak: a build with no parameter at all still links (the section is then absent). */

#define for_each_setup_param(p) \
	for (p = __start_early_params; p < __stop_early_params; p++)

/* Linux's strscpy, but saying so when the bootloader's line does not fit. */
static void copy_command_line(char *dst, const char *src)
{
	size_t len = strnlen(src, COMMAND_LINE_SIZE);

	if (len == COMMAND_LINE_SIZE) {
		len = COMMAND_LINE_SIZE - 1;
		bm_warn("the command line is longer than %d bytes, truncated\n",
			COMMAND_LINE_SIZE - 1);
	}
	memmove(dst, src, len);
	dst[len] = '\0';
}

/* Linux's do_early_param: "console" also feeds "earlycon", as in Linux. */
static void do_early_param(char *param, char *val)
{
	const struct obs_kernel_param *p;

	for_each_setup_param(p) {
		if ((p->early && parameq(param, p->str)) ||
		    (!strcmp(param, "console") && !strcmp(p->str, "earlycon"))) {
			if (p->setup_func(val) != 0)
				pr_warn("Malformed early option '%s'\n", param);
		}
	}
}

/* Linux's parse_args loop: every word until a bare "--" (the rest belongs to init). */
static void parse_words(char *args, void (*handle)(char *param, char *val))
{
	char *param, *val;

	args = skip_spaces(args);
	while (*args) {
		args = next_arg(args, &param, &val);
		if (!val && !strcmp(param, "--"))
			return;
		handle(param, val);
	}
}

void parse_early_options(char *cmdline)
{
	parse_words(cmdline, do_early_param);
}

void parse_early_param(const char *cmdline)
{
	static char tmp_cmdline[COMMAND_LINE_SIZE];

	if (cmdline && cmdline != boot_command_line)
		copy_command_line(boot_command_line, cmdline);
	/* The handlers get pieces of a scratch copy: boot_command_line stays intact. */
	copy_command_line(tmp_cmdline, boot_command_line);
	parse_early_options(tmp_cmdline);
}

void print_kernel_command_line(void)
{
	pr_notice("Kernel command line: %s\n", boot_command_line);
}

/*
 * Linux's obsolete_checksetup: does a registered parameter claim @line? Early parameters need
 * the exact name; __setup ones match as a prefix and run now.
 */
static bool obsolete_checksetup(char *line)
{
	const struct obs_kernel_param *p;
	bool had_early_param = false;

	for_each_setup_param(p) {
		size_t n = strlen(p->str);

		if (!parameqn(line, p->str, n))
			continue;
		if (p->early) {
			if (line[n] == '\0' || line[n] == '=')
				had_early_param = true;
		} else if (p->setup_func(line + n)) {
			return true;
		}
	}
	return had_early_param;
}

/* Unclaimed words: Linux passes bare ones to init as argv, "a=b" ones as its environment. */
static char unknown_argv[COMMAND_LINE_SIZE], unknown_envp[COMMAND_LINE_SIZE];

static void append_word(char *list, const char *word)
{
	size_t len = strlen(list);

	snprintf(list + len, COMMAND_LINE_SIZE - len, " %s", word);
}

static void unknown_bootoption(char *param, char *val)
{
	static const char *const bootloader[] = { "BOOT_IMAGE=", "kexec" };
	size_t i;

	/* Linux's repair_env_string: put the '=' (and a dropped quote's room) back. */
	if (val) {
		if (val == param + strlen(param) + 1) {
			val[-1] = '=';
		} else if (val == param + strlen(param) + 2) {
			val[-2] = '=';
			memmove(val - 1, val, strlen(val) + 1);
		}
	}
	for (i = 0; i < ARRAY_SIZE(bootloader); i++)
		if (!strncmp(param, bootloader[i], strlen(bootloader[i])))
			return;
	if (obsolete_checksetup(param))
		return;
	/* A module parameter ("mod.param"): no module will claim it here, but Linux is silent. */
	if (strchr(param, '.'))
		return;
	append_word(val ? unknown_envp : unknown_argv, param);
}

void parse_boot_args(void)
{
	static char static_command_line[COMMAND_LINE_SIZE];
	static char all[2 * COMMAND_LINE_SIZE];

	unknown_argv[0] = unknown_envp[0] = '\0';
	copy_command_line(static_command_line, boot_command_line);
	parse_words(static_command_line, unknown_bootoption);
	if (!unknown_argv[0] && !unknown_envp[0])
		return;
	snprintf(all, sizeof(all), "%s%s", unknown_argv, unknown_envp);
	pr_notice("Unknown kernel command line parameters \"%s\", will be passed to user space.\n",
		  all + 1);
}

bool cmdline_has_word(const char *name)
{
	static char tmp[COMMAND_LINE_SIZE];
	char *args, *param, *val;

	copy_command_line(tmp, boot_command_line);
	args = skip_spaces(tmp);
	while (*args) {
		args = next_arg(args, &param, &val);
		if (!val && !strcmp(param, "--"))
			break;
		if (parameq(param, name))
			return true;
	}
	return false;
}

static void params_reset(void)
{
	boot_command_line[0] = '\0';
	unknown_argv[0] = unknown_envp[0] = '\0';
}
host_reset(params_reset);
