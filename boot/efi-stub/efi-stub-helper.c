// SPDX-License-Identifier: GPL-2.0
/*
 * EFI stub helpers, as Linux 6.1's libstub/efi-stub-helper.c behaves: the console (ConOut,
 * "EFI stub: " lines), the command line from the load options, efi= options, configuration
 * tables and ExitBootServices with the retry the UEFI spec asks for.
 */
#include <stdarg.h>
#include "efistub.h"

const efi_system_table_t *efi_system_table;
bool efi_nokaslr;			/* Debian's Linux has CONFIG_RANDOMIZE_BASE=y */
unsigned int efi_linux_version = KERNEL_VERSION(6, 1, 0);
bool efi_novamap;
int efi_loglevel = CONSOLE_LOGLEVEL_DEFAULT;
static bool efi_nosoftreserve;

/* CONFIG_EFI_SOFT_RESERVE=y in Debian: EFI_MEMORY_SP memory is kept for drivers unless told. */
bool efi_soft_reserve_enabled(void)
{
	return !efi_nosoftreserve;
}

void efi_char16_puts(efi_char16_t *str)
{
	efi_simple_text_output_protocol_t *out = efi_system_table->con_out;

	out->output_string(out, str);
}

/*
 * One code point from UTF-8; a malformed sequence yields its first byte unchanged (so plain
 * Latin-1 still prints something), as Linux's utf8_to_utf32 does.
 */
static u32 utf8_to_utf32(const u8 **s8)
{
	const u8 *s = *s8;
	u32 c = s[0];
	int n, i;

	*s8 = s + 1;
	if (c < 0xc0 || c >= 0xf8)
		return c;
	n = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : 1;
	c &= 0x3f >> n;
	for (i = 1; i <= n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return s[0];
		c = (c << 6) | (s[i] & 0x3f);
	}
	/* Out of range, a surrogate, or an overlong encoding: not a character. */
	if (c > 0x10ffff || (c & 0xf800) == 0xd800 ||
	    n != (c >= 0x80) + (c >= 0x800) + (c >= 0x10000))
		return s[0];
	*s8 = s + 1 + n;
	return c;
}

/* UTF-8 to the console's UCS-2, "\n" as "\r\n", in chunks of 128 words. */
void efi_puts(const char *str)
{
	efi_char16_t buf[128];
	const u8 *s8 = (const u8 *)str;
	size_t pos = 0;

	while (*s8) {
		u32 c;

		if (*s8 == '\n')
			buf[pos++] = '\r';
		c = utf8_to_utf32(&s8);
		if (c < 0x10000) {
			buf[pos++] = c;
		} else {
			c -= 0x10000;
			buf[pos++] = 0xd800 | (c >> 10);
			buf[pos++] = 0xdc00 | (c & 0x3ff);
		}
		if (!*s8 || pos >= ARRAY_SIZE(buf) - 3) {
			buf[pos] = 0;
			efi_char16_puts(buf);
			pos = 0;
		}
	}
}

/*
 * Linux's efi_printk: a KERN_<level> prefix below efi_loglevel prints "EFI stub: " and the
 * message; no prefix prints the message alone. Messages are cut at 255 bytes.
 */
int efi_printk(const char *fmt, ...)
{
	char buf[256];
	va_list args;
	int level = -1, printed;

	if (fmt[0] == KERN_SOH[0] && fmt[1] >= '0' && fmt[1] <= '9') {
		level = fmt[1] - '0';
		fmt += 2;
	}
	if (level >= efi_loglevel)
		return 0;
	if (level >= 0)
		efi_puts("EFI stub: ");
	va_start(args, fmt);
	printed = vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	efi_puts(buf);
	if (printed >= (int)sizeof(buf)) {
		efi_puts("[Message truncated]\n");
		return -1;
	}
	return printed;
}

/* Is @opt one of the comma-separated words of @val? (Linux's parse_option_str) */
static bool parse_option_str(const char *val, const char *opt)
{
	size_t n = strlen(opt);

	while (*val) {
		if (!strncmp(val, opt, n) && (val[n] == ',' || !val[n]))
			return true;
		while (*val && *val != ',')
			val++;
		if (*val == ',')
			val++;
	}
	return false;
}

/*
 * Cut the next word off @s as Linux's next_arg does: words are separated by unquoted white
 * space, "param=value" splits at the first '=', and double quotes around the value (or the
 * whole word) are dropped. Returns where the next word starts.
 */
static char *next_arg(char *s, char **param, char **val)
{
	bool in_quote = false, quoted = false;
	char *next, *eq = NULL;
	size_t i;

	if (*s == '"') {
		s++;
		in_quote = quoted = true;
	}
	for (i = 0; s[i]; i++) {
		if (isspace_c(s[i]) && !in_quote)
			break;
		if (!eq && s[i] == '=')
			eq = s + i;
		if (s[i] == '"')
			in_quote = !in_quote;
	}
	*param = s;
	*val = NULL;
	if (eq) {
		*eq = '\0';
		*val = eq + 1;
		if (**val == '"') {
			(*val)++;
			quoted = true;
		}
	}
	if (quoted && i && s[i - 1] == '"')
		s[i - 1] = '\0';
	next = s + i;
	if (*next)
		*next++ = '\0';
	return skip_spaces(next);
}

/*
 * The stub's own options: nokaslr, quiet, efi=debug/novamap/nosoftreserve (Linux's set), and
 * bootmem's linux=.
 */
efi_status_t efi_parse_options(const char *cmdline)
{
	efi_status_t status;
	char *buf, *str;
	size_t len;

	if (!cmdline)
		return EFI_SUCCESS;
	/* A copy to cut up, in firmware memory as Linux's (it changes the pool like Linux's). */
	len = strnlen(cmdline, EFI_COMMAND_LINE_SIZE - 1) + 1;
	status = efi_bs_call(allocate_pool, EFI_LOADER_DATA, len, (void **)&buf);
	if (status != EFI_SUCCESS)
		return status;
	memcpy(buf, cmdline, len - 1);
	buf[len - 1] = '\0';
	str = skip_spaces(buf);
	while (*str) {
		char *param, *val;

		str = next_arg(str, &param, &val);
		if (!val && !strcmp(param, "--"))
			break;
		if (!strcmp(param, "nokaslr")) {
			efi_nokaslr = true;
		} else if (!strcmp(param, "linux") && val) {
			/* As the kernel reads it: the last one wins, an unknown value means 6.1. */
			efi_linux_version = linux_version_of(val) ?: KERNEL_VERSION(6, 1, 0);
		} else if (!strcmp(param, "noinitrd")) {
			efi_noinitrd = true;
		} else if (!strcmp(param, "quiet")) {
			efi_loglevel = CONSOLE_LOGLEVEL_QUIET;
		} else if (!strcmp(param, "efi") && val) {
			efi_novamap |= parse_option_str(val, "novamap");
			efi_nosoftreserve = parse_option_str(val, "nosoftreserve");
			if (parse_option_str(val, "debug"))
				efi_loglevel = CONSOLE_LOGLEVEL_DEBUG;
		}
	}
	efi_bs_call(free_pool, buf);
	return EFI_SUCCESS;
}

/*
 * Convert up to @nchars UTF-16 words of @src (stopping at a NUL) to UTF-8 in @dst, writing at
 * most @max_bytes bytes and never half a character; an unpaired surrogate becomes U+FFFD.
 * @dst gets a NUL after them. Returns the bytes written (Linux: snprintf "%.*ls").
 */
size_t efi_utf16_to_utf8(char *dst, size_t max_bytes, const efi_char16_t *src, size_t nchars)
{
	size_t len = 0, i = 0;

	while (src && i < nchars && src[i]) {
		u32 c = src[i];
		size_t clen, used = 1;

		if ((c & 0xfc00) == 0xd800 && i + 1 < nchars && (src[i + 1] & 0xfc00) == 0xdc00) {
			c = 0x10000 + ((c - 0xd800) << 10) + (src[i + 1] - 0xdc00);
			used = 2;
		} else if ((c & 0xf800) == 0xd800) {
			c = 0xfffd;
		}
		clen = 1 + (c >= 0x80) + (c >= 0x800) + (c >= 0x10000);
		if (len + clen > max_bytes)
			break;
		if (clen == 1) {
			dst[len] = c;
		} else {
			size_t k;

			dst[len] = (0xf0 << (4 - clen)) | (c >> (6 * (clen - 1)));
			for (k = 1; k < clen; k++)
				dst[len + k] = 0x80 | ((c >> (6 * (clen - 1 - k))) & 0x3f);
		}
		len += clen;
		i += used;
	}
	dst[len] = '\0';
	return len;
}

/*
 * The command line from LOADED_IMAGE.LoadOptions (UTF-16) as UTF-8 in a pool allocation, cut
 * at a NUL or newline and at COMMAND_LINE_SIZE bytes (at the last unquoted space before it).
 * No load options give "" (update_fdt then keeps the tree's bootargs).
 */
char *efi_convert_cmdline(efi_loaded_image_t *image, int *cmd_line_len)
{
	const efi_char16_t *options = image->load_options;
	u32 options_chars = image->load_options_size / sizeof(efi_char16_t);
	int options_bytes = 0, safe_options_bytes = 0;
	const efi_char16_t *s2 = options;
	bool in_quote = false;
	efi_status_t status;
	char *cmdline;

	while (options && options_bytes < EFI_COMMAND_LINE_SIZE && options_chars--) {
		efi_char16_t c = *s2++;

		if (c < 0x80) {
			if (c == 0 || c == '\n')
				break;
			if (c == '"')
				in_quote = !in_quote;
			else if (!in_quote && isspace_c(c))
				safe_options_bytes = options_bytes;
			options_bytes++;
			continue;
		}
		options_bytes += 2 + (c >= 0x800);
		/* A valid surrogate pair is 4 bytes; a lone one becomes U+FFFD (3). */
		if ((c & 0xfc00) == 0xd800) {
			if (!options_chars) {
				options_bytes -= 3;	/* a last high surrogate is dropped */
			} else if ((*s2 & 0xfc00) == 0xdc00) {
				options_bytes++;
				options_chars--;
				s2++;
			}
		}
	}
	if (options_bytes >= EFI_COMMAND_LINE_SIZE) {
		options_bytes = safe_options_bytes;
		efi_err("Command line is too long: truncated to %d bytes\n", options_bytes);
	}
	options_bytes++;			/* the NUL */

	status = efi_bs_call(allocate_pool, EFI_LOADER_DATA, options_bytes, (void **)&cmdline);
	if (status != EFI_SUCCESS)
		return NULL;
	efi_utf16_to_utf8(cmdline, options_bytes - 1, options,
			  image->load_options_size / sizeof(efi_char16_t));
	*cmd_line_len = options_bytes;
	return cmdline;
}

void *get_efi_config_table(efi_guid_t guid)
{
	const efi_config_table_t *t = (const void *)efi_system_table->tables;
	unsigned long i;

	for (i = 0; i < efi_system_table->nr_tables; i++)
		if (!efi_guidcmp(t[i].guid, guid))
			return t[i].table;
	return NULL;
}

/*
 * Get the final map, let @priv_func record it, ExitBootServices with its key. If the map
 * changed in between (EFI_INVALID_PARAMETER), get it again into the same buffer (nothing
 * may be allocated any more) and retry once, as the spec and Linux do.
 */
efi_status_t efi_exit_boot_services(void *handle, void *priv,
				    efi_exit_boot_map_processing priv_func)
{
	struct efi_boot_memmap *map;
	efi_status_t status;

	status = efi_get_memory_map(&map, true);
	if (status != EFI_SUCCESS)
		return status;
	status = priv_func(map, priv);
	if (status != EFI_SUCCESS) {
		efi_bs_call(free_pool, map);
		return status;
	}
	status = efi_bs_call(exit_boot_services, handle, map->map_key);
	if (status == EFI_INVALID_PARAMETER) {
		map->map_size = map->buff_size;
		status = efi_bs_call(get_memory_map, &map->map_size, map->map, &map->map_key,
				     &map->desc_size, &map->desc_ver);
		if (status != EFI_SUCCESS)
			return status;
		status = priv_func(map, priv);
		if (status != EFI_SUCCESS)
			return status;
		status = efi_bs_call(exit_boot_services, handle, map->map_key);
	}
	return status;
}
