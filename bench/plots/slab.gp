# SPDX-License-Identifier: MIT
# Slab: cycles per alloc+free pair by object size, kmem_cache and kmalloc
# against glibc, mimalloc and jemalloc (host, same run).
if (!exists("results")) results = "bench/results"
set datafile separator ","
if (!exists("fmt")) fmt = "svg"
if (fmt eq "png") {
	set terminal pngcairo noenhanced size 800,420 font "sans,10"
} else {
	set terminal svg noenhanced size 800,420 dynamic font "sans,11"
}
set output results."/slab.".fmt
set title "Slab vs user-space allocators: alloc+free pair (host)"
set key top left
set grid
set logscale x 2
set xlabel "object size (bytes)"
set ylabel "cycles (TSC) per pair"
set yrange [0:*]
set datafile columnheaders
plot for [i=2:6] results."/slab_wide.csv" using 1:i with linespoints \
	title columnhead(i), \
     20 with lines dt 2 lc rgb "gray" title "target (kmem_cache): 20"
