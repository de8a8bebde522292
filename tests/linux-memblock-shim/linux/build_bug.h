/* SPDX-License-Identifier: GPL-2.0 */
/* Shim for Linux's memblock simulator: compile-time assertions. */
#ifndef _SHIM_LINUX_BUILD_BUG_H
#define _SHIM_LINUX_BUILD_BUG_H

#define BUILD_BUG_ON(cond)	_Static_assert(!(cond), "BUILD_BUG_ON(" #cond ")")

#endif
