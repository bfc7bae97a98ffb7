app-y += memdemo.o
