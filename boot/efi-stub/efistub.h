/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The EFI stub's private view of UEFI (boot services, the protocols it calls) and its
 * functions, named as in Linux 6.1's drivers/firmware/efi/libstub/efistub.h.
 */
#ifndef _BOOTMEM_EFISTUB_H
#define _BOOTMEM_EFISTUB_H

#include <linux/efi.h>
#include <linux/kernel.h>
#include <linux/version.h>

/* arm64's choices (arch/arm64/include/asm/efi.h in Linux 6.1). */
#define EFI_ALLOC_ALIGN		0x10000UL		/* SZ_64K */
#define EFI_ALLOC_LIMIT		((1UL << 48) - 1)
/* Room for the descriptors that allocating the map's own buffer may add. */
/*
 * Room for this many more descriptors in each memory map buffer: 8 in Linux 6.1, 32 since
 * Linux 6.3 (efi/libstub: "Increase EFI_MMAP_NR_SLACK_SLOTS to 32"). The buffer's size moves
 * the firmware's next allocations, so the stub follows linux= too (efi_linux_version).
 */
#define EFI_MMAP_NR_SLACK_SLOTS	(efi_linux_version >= KERNEL_VERSION(6, 12, 0) ? 32 : 8)
/* arm64's efi_get_max_initrd_addr(): the initrd must be in the linear map (VA_BITS_MIN 48). */
#define EFI_VA_BITS_MIN		48
#define efi_get_max_initrd_addr(image_addr) \
	(((image_addr) & ~((1UL << 30) - 1)) + (1UL << (EFI_VA_BITS_MIN - 1)))
/* The new device tree's allocation (fdt.c). */
#define MAX_FDT_SIZE		0x200000UL		/* SZ_2M */
/* arm64's COMMAND_LINE_SIZE */
#define EFI_COMMAND_LINE_SIZE	2048
/* Debian's CONFIG_CONSOLE_LOGLEVEL_DEFAULT and _QUIET, and CONSOLE_LOGLEVEL_DEBUG */
#define CONSOLE_LOGLEVEL_DEFAULT 7
#define CONSOLE_LOGLEVEL_QUIET	4
#define CONSOLE_LOGLEVEL_DEBUG	10

#define EFI_ALLOCATE_ANY_PAGES		0
#define EFI_ALLOCATE_MAX_ADDRESS	1
#define EFI_ALLOCATE_ADDRESS		2
#define EFI_LOCATE_BY_PROTOCOL		2

typedef struct efi_device_path_protocol efi_device_path_protocol_t;

union efi_boot_services {
	struct {
		efi_table_hdr_t hdr;
		void *raise_tpl;
		void *restore_tpl;
		efi_status_t (*allocate_pages)(int, int, unsigned long, efi_physical_addr_t *);
		efi_status_t (*free_pages)(efi_physical_addr_t, unsigned long);
		efi_status_t (*get_memory_map)(unsigned long *, void *, unsigned long *,
					       unsigned long *, u32 *);
		efi_status_t (*allocate_pool)(int, unsigned long, void **);
		efi_status_t (*free_pool)(void *);
		void *create_event;
		void *set_timer;
		void *wait_for_event;
		void *signal_event;
		void *close_event;
		void *check_event;
		void *install_protocol_interface;
		void *reinstall_protocol_interface;
		void *uninstall_protocol_interface;
		efi_status_t (*handle_protocol)(efi_handle_t, efi_guid_t *, void **);
		void *__reserved;
		void *register_protocol_notify;
		efi_status_t (*locate_handle)(int, efi_guid_t *, void *, unsigned long *,
					      efi_handle_t *);
		efi_status_t (*locate_device_path)(efi_guid_t *, efi_device_path_protocol_t **,
						   efi_handle_t *);
		efi_status_t (*install_configuration_table)(efi_guid_t *, void *);
		void *load_image;
		void *start_image;
		void *exit;
		void *unload_image;
		efi_status_t (*exit_boot_services)(efi_handle_t, unsigned long);
		void *get_next_monotonic_count;
		void *stall;
		void *set_watchdog_timer;
		void *connect_controller;
		void *disconnect_controller;
		void *open_protocol;
		void *close_protocol;
		void *open_protocol_information;
		void *protocols_per_handle;
		void *locate_handle_buffer;
		efi_status_t (*locate_protocol)(efi_guid_t *, void *, void **);
		void *install_multiple_protocol_interfaces;
		void *uninstall_multiple_protocol_interfaces;
		void *calculate_crc32;
		void *copy_mem;
		void *set_mem;
		void *create_event_ex;
	};
};

struct efi_runtime_services {
	efi_table_hdr_t hdr;
	void *get_time;
	void *set_time;
	void *get_wakeup_time;
	void *set_wakeup_time;
	efi_status_t (*set_virtual_address_map)(unsigned long, unsigned long, u32,
						 efi_memory_desc_t *);
	void *convert_pointer;
	efi_status_t (*get_variable)(efi_char16_t *, efi_guid_t *, u32 *, unsigned long *, void *);
	void *get_next_variable;
	void *set_variable;
	void *get_next_high_mono_count;
	void *reset_system;
	void *update_capsule;
	void *query_capsule_caps;
	void *query_variable_info;
};

union efi_simple_text_output_protocol {
	struct {
		void *reset;
		efi_status_t (*output_string)(efi_simple_text_output_protocol_t *, efi_char16_t *);
		void *test_string;
	};
};

typedef struct {
	u32 revision;
	efi_handle_t parent_handle;
	efi_system_table_t *system_table;
	efi_handle_t device_handle;
	void *file_path;
	void *reserved;
	u32 load_options_size;
	void *load_options;
	void *image_base;
	u64 image_size;
	unsigned int image_code_type;
	unsigned int image_data_type;
	void *unload;
} efi_loaded_image_t;

/* Device path nodes (UEFI spec 10.3): a header, then the node's own data. */
#define EFI_DEV_MEDIA			4
#define EFI_DEV_MEDIA_VENDOR		3
#define EFI_DEV_END_PATH		0x7f
#define EFI_DEV_END_ENTIRE		0xff

struct efi_generic_dev_path {
	u8 type;
	u8 sub_type;
	u16 length;
} __packed;

struct efi_device_path_protocol {
	u8 type;
	u8 sub_type;
	u16 length;
} __packed;

struct efi_vendor_dev_path {
	struct efi_generic_dev_path header;
	efi_guid_t vendorguid;
} __packed __aligned(4);

#define EFI_LOAD_FILE2_PROTOCOL_GUID \
	EFI_GUID(0x4006c0c1, 0xfcb3, 0x403e, 0x99, 0x6d, 0x4a, 0x6c, 0x87, 0x24, 0xe0, 0x6d)

/* EFI_LOAD_FILE2_PROTOCOL: one call, asked first for the size (no buffer), then for the data. */
typedef struct efi_load_file2_protocol efi_load_file2_protocol_t;
struct efi_load_file2_protocol {
	efi_status_t (*load_file)(efi_load_file2_protocol_t *, efi_device_path_protocol_t *,
				  bool boot_policy, unsigned long *buffer_size, void *buffer);
};

/* EFI_FILE_PROTOCOL and EFI_SIMPLE_FILE_SYSTEM_PROTOCOL, as far as initrd= needs them. */
typedef struct efi_file_protocol efi_file_protocol_t;
struct efi_file_protocol {
	u64 revision;
	efi_status_t (*open)(efi_file_protocol_t *, efi_file_protocol_t **, efi_char16_t *,
			     u64, u64);
	efi_status_t (*close)(efi_file_protocol_t *);
	void *delete;
	efi_status_t (*read)(efi_file_protocol_t *, unsigned long *, void *);
	void *write;
	void *get_position;
	void *set_position;
	efi_status_t (*get_info)(efi_file_protocol_t *, efi_guid_t *, unsigned long *, void *);
	void *set_info;
	void *flush;
};

struct efi_simple_file_system_protocol {
	u64 revision;
	efi_status_t (*open_volume)(struct efi_simple_file_system_protocol *,
				    efi_file_protocol_t **);
};

typedef struct efi_rng_protocol efi_rng_protocol_t;
struct efi_rng_protocol {
	efi_status_t (*get_info)(efi_rng_protocol_t *, unsigned long *, efi_guid_t *);
	efi_status_t (*get_rng)(efi_rng_protocol_t *, efi_guid_t *, unsigned long, u8 *);
};

#define EFI_RNG_ALGORITHM_RAW	EFI_GUID(0xe43176d7, 0xb6e8, 0x4827, 0xb7, 0x84, 0x7f, 0xfd, 0xc4, 0xb6, 0x85, 0x61)
#define EFI_RANDOM_SEED_SIZE	32U

struct linux_efi_random_seed {
	u32 size;
	u8 bits[];
};

/* The map as the stub keeps it; also the LINUX_EFI_BOOT_MEMMAP configuration table. */
struct efi_boot_memmap {
	unsigned long map_size;
	unsigned long desc_size;
	u32 desc_ver;
	unsigned long map_key;
	unsigned long buff_size;
	efi_memory_desc_t map[];
};

enum efi_secureboot_mode {
	efi_secureboot_mode_unset,
	efi_secureboot_mode_unknown,
	efi_secureboot_mode_disabled,
	efi_secureboot_mode_enabled,
};

extern const efi_system_table_t *efi_system_table;
extern bool efi_nokaslr;
/* linux= on the stub's command line: the Linux whose stub this one follows (linux/version.h). */
extern unsigned int efi_linux_version;
extern bool efi_novamap;
extern bool efi_noinitrd;
extern int efi_loglevel;

#define efi_bs_call(func, ...)	efi_system_table->boottime->func(__VA_ARGS__)
#define efi_rt_call(func, ...)	efi_system_table->runtime->func(__VA_ARGS__)

/* The first letter after KERN_SOH is the level (linux/printk.h), as efi_printk reads it. */
#define efi_info(fmt, ...)	efi_printk(KERN_INFO fmt, ##__VA_ARGS__)
#define efi_warn(fmt, ...)	efi_printk(KERN_WARNING "WARNING: " fmt, ##__VA_ARGS__)
#define efi_err(fmt, ...)	efi_printk(KERN_ERR "ERROR: " fmt, ##__VA_ARGS__)
#define efi_debug(fmt, ...)	efi_printk(KERN_DEBUG "DEBUG: " fmt, ##__VA_ARGS__)

/* The kernel image as the stub sees it: where it runs now (PC-relative), not its link address. */
extern char _text[], _edata[], primary_entry[];

/* efi-stub.c */
efi_status_t efi_pe_entry(efi_handle_t handle, efi_system_table_t *sys_table_arg);

/* efi-stub-helper.c */
__printf(1, 2) int efi_printk(const char *fmt, ...);
void efi_puts(const char *str);
void efi_char16_puts(efi_char16_t *str);
bool efi_soft_reserve_enabled(void);
efi_status_t efi_parse_options(const char *cmdline);
char *efi_convert_cmdline(efi_loaded_image_t *image, int *cmd_line_len);
size_t efi_utf16_to_utf8(char *dst, size_t max_bytes, const efi_char16_t *src, size_t nchars);
void *get_efi_config_table(efi_guid_t guid);
typedef efi_status_t (*efi_exit_boot_map_processing)(struct efi_boot_memmap *map, void *priv);
efi_status_t efi_exit_boot_services(void *handle, void *priv,
				    efi_exit_boot_map_processing priv_func);

/* mem.c */
efi_status_t efi_get_memory_map(struct efi_boot_memmap **map, bool install_cfg_tbl);
efi_status_t efi_allocate_pages(unsigned long size, unsigned long *addr, unsigned long max);
efi_status_t efi_allocate_pages_aligned(unsigned long size, unsigned long *addr,
					unsigned long max, unsigned long align, int memory_type);
efi_status_t efi_random_alloc(unsigned long size, unsigned long align, unsigned long *addr,
			      unsigned long random_seed, int memory_type,
			      unsigned long alloc_min, unsigned long alloc_max);
void efi_free(unsigned long size, unsigned long addr);

/* file.c */
efi_status_t efi_load_initrd_cmdline(efi_loaded_image_t *image, struct linux_efi_initrd *initrd,
				     unsigned long soft_limit, unsigned long hard_limit);

/* initrd.c */
efi_status_t efi_load_initrd(efi_loaded_image_t *image, unsigned long soft_limit,
			     unsigned long hard_limit);

/* random.c */
efi_status_t efi_get_random_bytes(unsigned long size, u8 *out);
efi_status_t efi_random_get_seed(void);

/* secureboot.c */
enum efi_secureboot_mode efi_get_secureboot(void);

/* fdt.c */
efi_status_t update_fdt(void *orig_fdt, unsigned long orig_fdt_size, void *fdt,
			int new_fdt_size, char *cmdline_ptr);
void *get_fdt(unsigned long *fdt_size);
efi_status_t efi_boot_kernel(void *handle, efi_loaded_image_t *image,
			     unsigned long kernel_addr, char *cmdline_ptr);

/* arch/arm64/efi/arm64-stub.c */
efi_status_t check_platform_features(void);
/*
 * Without efi_novamap: room for the runtime descriptors SetVirtualAddressMap() gets (a pool
 * the size of the current map), and their virtual addresses (efi-stub.c).
 */
efi_status_t efi_alloc_virtmap(efi_memory_desc_t **virtmap, unsigned long *desc_size,
			       u32 *desc_ver);
void efi_get_virtmap(efi_memory_desc_t *memory_map, unsigned long map_size,
		     unsigned long desc_size, efi_memory_desc_t *runtime_map, int *count);
/* The Linux the Image's header stands for (its image_size): linux/version.h's code. */
unsigned int efi_image_linux_version(void);
efi_status_t handle_kernel_image(unsigned long *image_addr, unsigned long *image_size,
				 unsigned long *reserve_addr, unsigned long *reserve_size,
				 efi_loaded_image_t *image, efi_handle_t image_handle);
void __noreturn efi_enter_kernel_at(unsigned long image_addr, unsigned long fdt_addr);

/* arch/arm64/efi/efi-entry.S: caches cleaned, MMU off, x0 = the device tree, jump. */
void __noreturn efi_enter_kernel(unsigned long entry, unsigned long fdt_addr,
				 unsigned long fdt_size, unsigned long image_addr,
				 unsigned long image_size);

#endif /* _BOOTMEM_EFISTUB_H */
