# SPDX-License-Identifier: MIT
# Boot-time memory init per GiB of RAM: struct page init, the handoff to
# the buddy, and memset of the struct page array (the bandwidth limit).
if (!exists("results")) results = "bench/results"
set datafile separator ","
set datafile columnheaders
if (!exists("fmt")) fmt = "svg"
if (fmt eq "png") {
	set terminal pngcairo noenhanced size 800,420 font "sans,10"
} else {
	set terminal svg noenhanced size 800,420 dynamic font "sans,11"
}
set output results."/memmap_init.".fmt
set title "Boot-time memory init (host, simulated RAM)"
set style data histograms
set style histogram cluster gap 1
set style fill solid 0.8 border -1
set key top left
set grid y
set xlabel "simulated RAM (GiB)"
set ylabel "ms per GiB of RAM"
set yrange [0:*]
plot results."/memmap_init_wide.csv" using 2:xtic(1) title "memmap init", \
     "" using 3 title "memblock_free_all", \
     "" using 4 title "init + free_all", \
     "" using 5 title "memset limit"
