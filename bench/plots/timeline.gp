# SPDX-License-Identifier: MIT
# Guest boot: time from entry to app_main by RAM size, deferred struct
# page init off and on.  Left: wall clock under QEMU TCG (median of the
# boots; depends on host load).  Right: -icount shift=0, where the guest
# clock counts executed instructions (1 ns each): deterministic.
if (!exists("results")) results = "bench/results"
set datafile separator ","
set datafile columnheaders
if (!exists("fmt")) fmt = "svg"
if (fmt eq "png") {
	set terminal pngcairo noenhanced size 1000,420 font "sans,10"
} else {
	set terminal svg noenhanced size 1000,420 dynamic font "sans,11"
}
set output results."/timeline.".fmt
set multiplot layout 1,2 title "Guest entry -> app_main"
set key top left
set grid
set logscale x 2
set xlabel "guest RAM (MiB)"
set yrange [0:*]
set xtics ("128M" 128, "1G" 1024, "4G" 4096)
set xrange [90:5800]
do for [mode in "tcg icount"] {
	set title (mode eq "tcg" ? "QEMU TCG, wall clock (median)" : \
		   "QEMU -icount shift=0: million instructions")
	set ylabel (mode eq "tcg" ? "ms" : "ms at 1 instruction/ns")
	c = (mode eq "tcg" ? 2 : 6)
	plot results."/timeline_wide.csv" \
		using 1:c with linespoints title "riscv", \
	     "" using 1:c+1 with linespoints title "riscv, deferred", \
	     "" using 1:c+2 with linespoints title "x86_64", \
	     "" using 1:c+3 with linespoints title "x86_64, deferred", \
	     5 with lines dt 2 lc rgb "gray" title "target: 5 ms"
}
unset multiplot
