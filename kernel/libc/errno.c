// SPDX-License-Identifier: MIT
/* The application's errno: one global, since there is one thread. */
#include "../../include/libc/errno.h"

int errno;
