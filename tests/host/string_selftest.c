// SPDX-License-Identifier: GPL-2.0
/*
 * lib/string.c's libc-named functions exist only in the kernel build (glibc owns the names on
 * the host). This file compiles them once more under st_* names so test_lib can check them.
 */
#include <string.h>
#include <stdlib.h>

#undef BOOTMEM_HOST

#define memcpy		st_memcpy
#define memset		st_memset
#define memmove		st_memmove
#define memcmp		st_memcmp
#define memchr		st_memchr
#define strlen		st_strlen
#define strnlen		st_strnlen
#define strcmp		st_strcmp
#define strncmp		st_strncmp
#define strchr		st_strchr
#define strrchr		st_strrchr
#define strstr		st_strstr
#define strtoul		st_strtoul
#define strtoull	st_strtoull
/* The Linux parsers are built from lib/string.c already; these copies go unused. */
#define simple_strtoull	st_simple_strtoull
#define simple_strtoul	st_simple_strtoul
#define simple_strtoll	st_simple_strtoll
#define memparse	st_memparse
#define memparse_safe	st_memparse_safe
#define kstrtoull	st_kstrtoull
#define kstrtoul	st_kstrtoul
#define kstrtoint	st_kstrtoint
#define kstrtobool	st_kstrtobool
#define skip_spaces	st_skip_spaces

#include "../../lib/string.c"
