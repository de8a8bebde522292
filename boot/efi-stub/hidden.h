/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Forced into every EFI stub object (-include): every symbol, also the ones only declared,
 * binds inside the image, so -fpie code reaches them PC-relative instead of through the GOT,
 * whose absolute link-time addresses are not mapped while the stub runs.
 */
#pragma GCC visibility push(hidden)
