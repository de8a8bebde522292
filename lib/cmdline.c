// SPDX-License-Identifier: GPL-2.0
/*
 * Command line tokenising with Linux's rules (lib/cmdline.c, kernel/params.c): quoting,
 * "-" equal to "_" in parameter names, and get_option's integer parsing.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/init.h>

static char dash2underscore(char c)
{
	return c == '-' ? '_' : c;
}

bool parameqn(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (dash2underscore(a[i]) != dash2underscore(b[i]))
			return false;
	return true;
}

bool parameq(const char *a, const char *b)
{
	return parameqn(a, b, strlen(a) + 1);
}

/*
 * Cuts the next word off @args: *param is the word, *val the text after its first '='
 * (NULL without one). Double quotes group spaces; the quotes around a value (or a whole
 * word) are removed. Returns the rest of the line, leading spaces skipped.
 */
char *next_arg(char *args, char **param, char **val)
{
	unsigned int i, equals = 0;
	bool in_quote = false, quoted = false;

	if (*args == '"') {
		args++;
		in_quote = true;
		quoted = true;
	}
	for (i = 0; args[i]; i++) {
		if (isspace_c(args[i]) && !in_quote)
			break;
		if (!equals && args[i] == '=')
			equals = i;
		if (args[i] == '"')
			in_quote = !in_quote;
	}

	*param = args;
	if (!equals) {
		*val = NULL;
	} else {
		args[equals] = '\0';
		*val = args + equals + 1;
		if (**val == '"') {
			(*val)++;
			if (args[i - 1] == '"')
				args[i - 1] = '\0';
		}
	}
	if (quoted && i > 0 && args[i - 1] == '"')
		args[i - 1] = '\0';

	if (args[i]) {
		args[i] = '\0';
		args += i + 1;
	} else {
		args += i;
	}
	return skip_spaces(args);
}

/*
 * Linux's get_option: an integer (base 0 rules, optional '-') from *str. Returns 0 for no
 * number, 1 for a number, 2 for a number followed by ',', 3 for one followed by '-'.
 */
int get_option(char **str, int *pint)
{
	char *cur = *str;
	int value;

	if (!cur || !*cur)
		return 0;
	if (*cur == '-')
		value = (int)(0U - (unsigned int)simple_strtoull(++cur, str, 0));
	else
		value = (int)(unsigned int)simple_strtoull(cur, str, 0);
	if (pint)
		*pint = value;
	if (cur == *str)
		return 0;
	if (**str == ',') {
		(*str)++;
		return 2;
	}
	if (**str == '-')
		return 3;
	return 1;
}
