# SPDX-License-Identifier: MIT
config APP_SMPDEMO
	bool "smpdemo: a parallel prime sieve on every CPU, checked"
	help
	  Counts and sums the primes below N (default 2000000) on every
	  online CPU at once, each CPU taking ranges from a shared atomic
	  counter, and compares the result with a serial sieve on one CPU.
	  Exits 1 on a mismatch.  "-- N" sets N.
