# QEMU sifive_u (HiFive Unleashed model).  Hart 0 is an E51 without
# S-mode (skipped), harts 1-4 are U54s: all five; SRST shutdown is unsupported there and
# cold reboot + -no-reboot is how QEMU exits.
QEMU_SYSTEM = qemu-system-riscv64
QEMU_MACHINE = -M sifive_u -smp 5 -m 256M -accel tcg,thread=multi
QEMU_BIOS = -bios default
# No exit device (QEMU_EXIT unset): QEMU exits 0 whatever the status, and
# ci/qemu.py reads it from the console's "Power down: exit status N" line.
