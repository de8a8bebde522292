// SPDX-License-Identifier: GPL-2.0
/*
 * initrd= in the EFI stub's load options, as Linux 6.1's libstub/file.c (deprecated there, but
 * built into Debian's kernel): each initrd=PATH names a file on the volume the image was
 * loaded from; the files are read, one after the other, into one buffer.
 */
#include "efistub.h"


#define MAX_FILENAME_SIZE	256

#define EFI_FILE_SYSTEM_GUID \
	EFI_GUID(0x964e5b22, 0x6459, 0x11d2, 0x8e, 0x39, 0x00, 0xa0, 0xc9, 0x69, 0x72, 0x3b)
#define EFI_FILE_INFO_ID \
	EFI_GUID(0x09576e92, 0x6d3f, 0x11d2, 0x8e, 0x39, 0x00, 0xa0, 0xc9, 0x69, 0x72, 0x3b)
#define EFI_FILE_MODE_READ	0x1ULL

/* EFI_FILE_INFO: only file_size is read; the three EFI_TIMEs are 16 bytes each. */
struct finfo {
	struct {
		u64 size;
		u64 file_size;
		u64 phys_size;
		u8 times[3][16];
		u64 attribute;
	} info;
	efi_char16_t filename[MAX_FILENAME_SIZE];
};

static efi_status_t efi_open_volume(efi_loaded_image_t *image, efi_file_protocol_t **fh)
{
	efi_guid_t fs_proto = EFI_FILE_SYSTEM_GUID;
	struct efi_simple_file_system_protocol *io;
	efi_status_t status;

	status = efi_bs_call(handle_protocol, image->device_handle, &fs_proto, (void **)&io);
	if (status != EFI_SUCCESS) {
		efi_err("Failed to handle fs_proto\n");
		return status;
	}
	status = io->open_volume(io, fh);
	if (status != EFI_SUCCESS)
		efi_err("Failed to open volume\n");
	return status;
}

static efi_status_t efi_open_file(efi_file_protocol_t *volume, struct finfo *fi,
				  efi_file_protocol_t **handle, unsigned long *file_size)
{
	efi_guid_t info_guid = EFI_FILE_INFO_ID;
	efi_file_protocol_t *fh;
	unsigned long info_sz;
	efi_status_t status;

	status = volume->open(volume, &fh, fi->filename, EFI_FILE_MODE_READ, 0);
	if (status != EFI_SUCCESS) {
		char name[3 * MAX_FILENAME_SIZE + 1];

		efi_utf16_to_utf8(name, sizeof(name) - 1, fi->filename, MAX_FILENAME_SIZE);
		efi_err("Failed to open file: %s\n", name);
		return status;
	}
	info_sz = sizeof(*fi);
	status = fh->get_info(fh, &info_guid, &info_sz, fi);
	if (status != EFI_SUCCESS) {
		efi_err("Failed to get file info\n");
		fh->close(fh);
		return status;
	}
	*handle = fh;
	*file_size = fi->info.file_size;
	return EFI_SUCCESS;
}

/*
 * The next @prefix in the UTF-16 options, matched anywhere (as Linux's: "noinitrd=x" matches
 * too); its value without leading slashes and with '/' as '\' goes to @result. Returns how
 * far the options were read, 0 when there is none.
 */
static int find_file_option(const efi_char16_t *cmdline, int cmdline_len,
			    const efi_char16_t *prefix, int prefix_len,
			    efi_char16_t *result, int result_len)
{
	int i;

	for (i = prefix_len; i < cmdline_len; i++)
		if (!memcmp(&cmdline[i - prefix_len], prefix, prefix_len * sizeof(*prefix)))
			break;
	if (i >= cmdline_len)
		return 0;
	while (i < cmdline_len && (cmdline[i] == '/' || cmdline[i] == '\\'))
		i++;
	while (--result_len > 0 && i < cmdline_len) {
		efi_char16_t c = cmdline[i++];

		if (c == 0 || c == '\n' || c == ' ')
			break;
		*result++ = c == '/' ? '\\' : c;
	}
	*result = 0;
	return i;
}

/* Grow the buffer to hold @size more bytes: below @soft_limit if it can, else @hard_limit. */
static efi_status_t grow_files_buffer(unsigned long *alloc_addr, unsigned long alloc_size,
				      unsigned long size, unsigned long soft_limit,
				      unsigned long hard_limit)
{
	unsigned long old_addr = *alloc_addr;
	efi_status_t status = EFI_OUT_OF_RESOURCES;

	if (round_up(alloc_size + size, EFI_ALLOC_ALIGN) <= round_up(alloc_size, EFI_ALLOC_ALIGN))
		return EFI_SUCCESS;
	if (soft_limit < hard_limit)
		status = efi_allocate_pages(alloc_size + size, alloc_addr, soft_limit);
	if (status == EFI_OUT_OF_RESOURCES)
		status = efi_allocate_pages(alloc_size + size, alloc_addr, hard_limit);
	if (status != EFI_SUCCESS) {
		efi_err("Failed to allocate memory for files\n");
		*alloc_addr = old_addr;
		return status;
	}
	if (old_addr) {
		/* A second initrd= file: the ones before it move into the larger buffer. */
		memcpy((void *)*alloc_addr, (void *)old_addr, alloc_size);
		efi_free(alloc_size, old_addr);
	}
	return EFI_SUCCESS;
}

/*
 * EFI_NOT_READY when the load options name no file; otherwise every initrd= file, concatenated
 * in the order given, at *load_addr.
 */
static efi_status_t handle_cmdline_files(efi_loaded_image_t *image, const efi_char16_t *optstr,
					 int optstr_len, unsigned long soft_limit,
					 unsigned long hard_limit, unsigned long *load_addr,
					 unsigned long *load_size)
{
	const efi_char16_t *cmdline = image->load_options;
	int cmdline_len = image->load_options_size / sizeof(*cmdline);
	unsigned long alloc_addr = 0, alloc_size = 0;
	efi_file_protocol_t *volume = NULL, *file;
	efi_status_t status;
	struct finfo fi;
	int offset;

	while (cmdline && (offset = find_file_option(cmdline, cmdline_len, optstr, optstr_len,
						     fi.filename, MAX_FILENAME_SIZE)) > 0) {
		unsigned long size;
		void *addr;

		cmdline += offset;
		cmdline_len -= offset;
		if (!volume) {
			status = efi_open_volume(image, &volume);
			if (status != EFI_SUCCESS)
				return status;
		}
		status = efi_open_file(volume, &fi, &file, &size);
		if (status != EFI_SUCCESS)
			goto err_close_volume;
		status = grow_files_buffer(&alloc_addr, alloc_size, size, soft_limit, hard_limit);
		if (status != EFI_SUCCESS)
			goto err_close_file;
		addr = (void *)(alloc_addr + alloc_size);
		alloc_size += size;
		while (size) {
			unsigned long chunk = size;

			status = file->read(file, &chunk, addr);
			if (status != EFI_SUCCESS) {
				efi_err("Failed to read file\n");
				goto err_close_file;
			}
			/* A file that stops short would loop for ever here. */
			if (!chunk) {
				status = EFI_LOAD_ERROR;
				efi_err("Failed to read file\n");
				goto err_close_file;
			}
			addr = (char *)addr + chunk;
			size -= chunk;
		}
		file->close(file);
	}
	if (volume)
		volume->close(volume);
	*load_addr = alloc_addr;
	*load_size = alloc_size;
	return alloc_size ? EFI_SUCCESS : EFI_NOT_READY;

err_close_file:
	file->close(file);
err_close_volume:
	volume->close(volume);
	efi_free(alloc_size, alloc_addr);
	return status;
}

efi_status_t efi_load_initrd_cmdline(efi_loaded_image_t *image, struct linux_efi_initrd *initrd,
				     unsigned long soft_limit, unsigned long hard_limit)
{
	static const efi_char16_t optstr[] = { 'i', 'n', 'i', 't', 'r', 'd', '=' };

	return handle_cmdline_files(image, optstr, ARRAY_SIZE(optstr), soft_limit, hard_limit,
				    &initrd->base, &initrd->size);
}
