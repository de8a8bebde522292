/* SPDX-License-Identifier: GPL-2.0 */
/* Basic fixed-width types shared by the kernel and the host test harness. */
#ifndef _BOOTMEM_LINUX_TYPES_H
#define _BOOTMEM_LINUX_TYPES_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef unsigned long long u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef long long s64;

typedef u64 phys_addr_t;
typedef u64 dma_addr_t;
typedef unsigned int gfp_t;

#endif
