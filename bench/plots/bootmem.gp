# SPDX-License-Identifier: MIT
# Early allocation: ns per alloc_bootmem*() call by number of calls, the
# memblock shims against the classic bitmap backend (host).
if (!exists("results")) results = "bench/results"
set datafile separator ","
if (!exists("fmt")) fmt = "svg"
if (fmt eq "png") {
	set terminal pngcairo noenhanced size 800,420 font "sans,10"
} else {
	set terminal svg noenhanced size 800,420 dynamic font "sans,11"
}
set output results."/bootmem.".fmt
set title "bootmem: ns per call (host)"
set key top left
set grid
set logscale xy
set xlabel "calls in one boot"
set ylabel "ns per call"
set datafile columnheaders
plot results."/bootmem_wide.csv" using 1:2 with linespoints title "memblock shims", \
     "" using 1:3 with linespoints title "memblock shims, 1/8 freed", \
     "" using 1:4 with linespoints title "bitmap", \
     "" using 1:5 with linespoints title "bitmap, 1/8 freed"
