# QEMU virt: the default board.  Read by the Makefile and by ci/qemu.py.
QEMU_SYSTEM = qemu-system-riscv64
QEMU_MACHINE = -M virt -m 128M -smp 4 -accel tcg,thread=multi
QEMU_BIOS = -bios default
# Exit device: the test finisher (sifive,test0) gives QEMU the status.
QEMU_EXIT = sifive_test
