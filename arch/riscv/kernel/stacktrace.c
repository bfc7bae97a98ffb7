// SPDX-License-Identifier: MIT
/*
 * Frame-pointer backtraces on RISC-V: gcc keeps the frame pointer (s0)
 * just above each frame, with the caller's frame pointer at fp - 16 and
 * the return address at fp - 8.  The walker is asm-generic/stacktrace.h.
 */
#define FRAME_RECORD_OFFSET (-16)
#define ASM_GENERIC_STACKTRACE_IMPL
#include <asm-generic/stacktrace.h>
