# Shared table output for the benchmarks (sourced). Every figure is one row:
#   | figure | kplay | baseline | kernel | ratio | target | met? |
# baseline is what the target compares against (the FUSE floor, or the
# QEMU loop), kernel the host kernel's own figure for scale; ratio is
# kplay/baseline in the sense the target states.

bench_header() {
	printf '| %-48s | %15s | %15s | %15s | %7s | %-16s | %-4s |\n' figure kplay baseline kernel ratio target met?
	printf '|%s|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..50})" "$(printf -- '-%.0s' {1..17})" \
		"$(printf -- '-%.0s' {1..17})" "$(printf -- '-%.0s' {1..17})" "$(printf -- '-%.0s' {1..9})" \
		"$(printf -- '-%.0s' {1..18})" "$(printf -- '-%.0s' {1..6})"
}

# bench_raw FIGURE KPLAY BASELINE KERNEL RATIO TARGET MET: a row as given.
bench_raw() {
	printf '| %-48s | %15s | %15s | %15s | %7s | %-16s | %-4s |\n' "$@"
}

# bench_row KIND FIGURE KPLAY BASELINE KERNEL: kplay against the baseline.
#   op    rates in ops/s, shown as time per operation; target kplay <= 1.15x
#   mb    throughput in MB/s; target kplay >= 0.90x
#   us    latency in microseconds; target kplay <= 1.15x
#   ms    a duration in milliseconds; target kplay <= 1.15x
#   diag  as op, without a target (diagnosis rows)
bench_row() {
	local line
	line=$(awk -v kind="$1" -v k="$3" -v b="$4" -v h="$5" 'BEGIN {
		if (kind == "mb") {
			r = k / b; ok = r >= 0.9
			printf "%.0f MB/s\t%.0f MB/s\t%.0f MB/s\t%.2f\t>= 0.90x floor\t%s", k, b, h, r, ok ? "yes" : "NO"
		} else if (kind == "op" || kind == "diag") {
			r = b / k; ok = r <= 1.15
			printf "%.2f us/op\t%.2f us/op\t%.2f us/op\t%.2f\t%s\t%s", 1e6 / k, 1e6 / b, 1e6 / h, r,
				kind == "op" ? "<= 1.15x floor" : "(diagnosis)", kind == "op" ? (ok ? "yes" : "NO") : "-"
		} else {
			r = k / b; ok = r <= 1.15
			printf "%.1f %s\t%.1f %s\t%.1f %s\t%.2f\t<= 1.15x floor\t%s", k, kind, b, kind, h, kind, r, ok ? "yes" : "NO"
		}
	}')
	local IFS=$'\t'
	# shellcheck disable=SC2086
	bench_raw "$2" $line
}
