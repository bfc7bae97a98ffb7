app-y += hello.o
