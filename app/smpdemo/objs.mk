app-y += smpdemo.o
