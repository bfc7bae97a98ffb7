# Generic PC booted by GRUB (multiboot2), real hardware: `make image`
# writes $(O)/kite.iso (hybrid BIOS + UEFI; dd it to a USB stick).  QEMU
# can still boot the ISO: ci/qemu.py with -cdrom.
QEMU_SYSTEM = qemu-system-x86_64
QEMU_MACHINE = -m 128M -smp 4 -accel tcg,thread=multi
# Exit device: isa-debug-exit (status N != 0), ACPI power-off (0).
QEMU_EXIT = isa-debug-exit
