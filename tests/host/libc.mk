# Host test of the application's C library (kernel/libc/), with the host C
# library as the oracle.  Every function of ours is renamed kite_* so it
# does not replace the host's; the test reaches the host's through asm
# labels.  kmalloc and the page allocator are stubbed in the test.
HOST_TESTS += libc
host-libc-srcs := tests/host/test_libc.c tests/host/test_libc_string.c \
	tests/host/test_libc_malloc.c kernel/libc/strtol.c kernel/libc/qsort.c \
	kernel/libc/ctype.c kernel/libc/string.c kernel/libc/rand.c \
	kernel/libc/malloc.c kernel/libc/errno.c
kite-libc-names := strtol strtoul strtoll strtoull strtoimax strtoumax \
	atoi atol atoll imaxabs qsort bsearch rand srand rand_r \
	isalnum isalpha isblank iscntrl isdigit isgraph islower isprint \
	ispunct isspace isupper isxdigit isascii tolower toupper \
	strncat strpbrk memrchr strcoll strcasecmp strncasecmp strdup strndup \
	strtok strtok_r strerror strlcpy strlcat \
	malloc calloc realloc free aligned_alloc posix_memalign \
	malloc_usable_size errno abort
host-libc-cflags := $(foreach n,$(kite-libc-names),-D$(n)=kite_$(n))
