app-y += selftest.o
