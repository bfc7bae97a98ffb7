# SPDX-License-Identifier: MIT
config APP_BENCH
	bool "bench: in-guest benchmarks"
	help
	  Page allocator and slab microbenchmarks and the boot timeline,
	  printed as one parseable block (bench/run_bench.py reads it).
	  "-- quick" runs a few iterations only.
