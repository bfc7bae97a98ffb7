# SPDX-License-Identifier: MIT
# Page allocator: cycles per alloc+free pair by order, with and without
# the per-cpu lists (host), and the in-guest figures in ns (QEMU TCG).
if (!exists("results")) results = "bench/results"
set datafile separator ","
if (!exists("fmt")) fmt = "svg"
if (fmt eq "png") {
	set terminal pngcairo noenhanced size 900,420 font "sans,10"
} else {
	set terminal svg noenhanced size 900,420 dynamic font "sans,11"
}
set output results."/page_alloc.".fmt
set multiplot layout 1,2 title "Page allocator: alloc+free pair"
set key top left
set grid
set xlabel "order"
set ylabel "cycles (TSC) per pair, host"
set xrange [-0.5:10.5]
set yrange [0:*]
plot results."/page_alloc.csv" using (strcol(1) eq "pair" && strcol(2) eq "pcp" ? $3 : 1/0):4 \
	with linespoints title "pcp lists", \
     "" using (strcol(1) eq "pair" && strcol(2) eq "nopcp" ? $3 : 1/0):4 \
	with linespoints title "no pcp", \
     40 with lines dt 2 lc rgb "gray" title "target (order 0): 40"
set ylabel "ns per pair, guest (QEMU TCG)"
plot results."/guest_page.csv" using (strcol(1) eq "riscv" && $2 == 1 ? $3 : 1/0):5 \
	with linespoints title "riscv pcp", \
     "" using (strcol(1) eq "riscv" && $2 == 0 ? $3 : 1/0):5 \
	with linespoints title "riscv no pcp", \
     "" using (strcol(1) eq "x86" && $2 == 1 ? $3 : 1/0):5 \
	with linespoints title "x86 pcp", \
     "" using (strcol(1) eq "x86" && $2 == 0 ? $3 : 1/0):5 \
	with linespoints title "x86 no pcp"
unset multiplot
