app-y += bench.o
