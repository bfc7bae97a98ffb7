# HiFive Unmatched (FU740): real hardware only; no QEMU model.
QEMU_SYSTEM =
