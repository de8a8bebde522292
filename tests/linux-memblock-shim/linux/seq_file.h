/* SPDX-License-Identifier: GPL-2.0 */
/* Shim for Linux's memblock simulator: its tests include this header but use nothing from it. */
#ifndef _SHIM_LINUX_SEQ_FILE_H
#define _SHIM_LINUX_SEQ_FILE_H
#endif
