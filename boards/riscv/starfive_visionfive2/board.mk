# StarFive VisionFive 2 (JH7110): real hardware only; no QEMU model.
QEMU_SYSTEM =
