/* SPDX-License-Identifier: MIT */
/*
 * Forced in after the host autoconf.h (-include) for benchmarks that
 * measure the default configuration: CONFIG_SLAB_DEBUG is off in every
 * defconfig (as in Linux), while the host tests build the checks in.
 */
#undef CONFIG_SLAB_DEBUG
