# QEMU PC (i440fx, SeaBIOS): booted through PVH with -kernel.  Read by
# the Makefile and by ci/qemu.py.  No QEMU_BIOS: SeaBIOS is the default.
# ci/qemu.py adds -nic none and isa-debug-exit for every x86 board.
QEMU_SYSTEM = qemu-system-x86_64
QEMU_MACHINE = -m 128M -smp 4 -accel tcg,thread=multi
# Exit device: isa-debug-exit (status N != 0), ACPI power-off (0).
QEMU_EXIT = isa-debug-exit
