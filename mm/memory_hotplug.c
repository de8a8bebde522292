// SPDX-License-Identifier: GPL-2.0
/*
 * The "movable_node" boot option: keep hotpluggable memory free of boot allocations so
 * it can become ZONE_MOVABLE. Linux keeps this in mm/memory_hotplug.c too.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/memory_hotplug.h>

bool movable_node_enabled;

static int __init cmdline_parse_movable_node(char *p)
{
	movable_node_enabled = true;
	return 0;
}
early_param("movable_node", cmdline_parse_movable_node);

static void memory_hotplug_reset(void)
{
	movable_node_enabled = false;
}
host_reset(memory_hotplug_reset);
