#!/usr/bin/env bash
# Benchmark (run on demand): the developer's edit -> build -> insmod -> cat
# loop, on kplay and on the real kernel under QEMU, in the same run.
#   bench/loop.sh [BUILD_DIR] [KPLAY_ITERATIONS] [QEMU_ITERATIONS]   (default 5 2)
# Each iteration edits procfs1's greeting (a copy of plugins/procfs1) to a new
# text, rebuilds, loads the module and reads /proc/helloworld, and checks the
# new text came back, so nothing is timed that did not happen.
#   kplay: `kplay build` -> `kplay rmmod` of the old module -> `kplay insmod`
#          -> cat, against a daemon that stays up (as a developer keeps it).
#   QEMU:  compare/realvm/build-ko.sh (kbuild against the packaged 6.1
#          headers) -> compare/realvm/run-real.sh with one scenario (insmod,
#          cat): one guest boot per iteration, as run-real (and so `kplay
#          compare`) works; it keeps no guest running between runs.
# Target: the kplay loop >= 20x faster. Prints a row in bench/lib.sh's format.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top/build}" && pwd)
n_kplay=${2:-5}
n_qemu=${3:-2}
K=$build/kplay
. "$top/bench/lib.sh"
work=$(mktemp -d /tmp/kplay-bench-loop.XXXXXX)
root=$work/root
cleanup() {
	set +e
	"$K" down --root "$root" >/dev/null 2>&1
	grep -q " $root/" /proc/self/mountinfo || rm -rf "$work"
}
trap cleanup EXIT
say() { echo "bench: $*" >&2; }
now() { printf '%s' "${EPOCHREALTIME/,/.}"; }
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

src=$work/src
cp -r "$top/plugins/procfs1" "$src"
grep -q '"Hello from procfs1, world!\\n"' "$src/procfs1.c" || { say "procfs1's greeting is not where this script edits it"; exit 1; }
# edit TEXT: the developer's change, a new greeting.
edit() { sed -i -E "s/^(static const char greeting\\[\\] = \")[^\"]*(\";)/\\1$1\\\\n\\2/" "$src/procfs1.c"; }

# --- kplay ---
mkdir -p "$root"
"$K" up --root "$root" >/dev/null
t_kplay=""
for ((i = 0; i < n_kplay; i++)); do
	text="kplay edit $i"
	t0=$(now)
	edit "$text"
	"$K" build "$src" --out "$work/out" >/dev/null
	"$K" lsmod --root "$root" | grep -q '^procfs1 ' && "$K" rmmod --root "$root" procfs1
	"$K" insmod --root "$root" "$work/out/procfs1.so"
	got=$(cat "$root/proc/helloworld")
	t1=$(now)
	[ "$got" = "$text" ] || { say "kplay loop $i read [$got], not [$text]"; exit 1; }
	t_kplay+=" $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')"
done
"$K" down --root "$root" >/dev/null
say "kplay loop (s):$t_kplay"

# --- QEMU ---
rv=$top/compare/realvm
t_qemu=""
for ((i = 0; i < n_qemu; i++)); do
	text="qemu edit $i"
	w=$work/qemu-$i
	mkdir -p "$w/M" "$w/scenarios"
	printf 'load procfs1\nrun cat $PROC/helloworld\n' >"$w/scenarios/loop.sh"
	t0=$(now)
	edit "$text"
	"$rv/build-ko.sh" --src "$src" --out "$w/M" >/dev/null
	"$rv/run-real.sh" --work "$w" --out "$w/out" >"$w/log" 2>&1 || { say "run-real failed:"; tail -5 "$w/log" >&2; exit 1; }
	t1=$(now)
	grep -qx "$text" "$w/out/loop.out" || { say "QEMU loop $i did not read [$text]:"; cat "$w/out/loop.out" >&2; exit 1; }
	t_qemu+=" $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')"
done
say "QEMU loop (s):$t_qemu"

k=$(median <<<"$t_kplay")
q=$(median <<<"$t_qemu")
bench_header
bench_raw "edit -> build -> insmod -> cat loop" "$(printf '%.2f s' "$k")" "$(printf '%.1f s' "$q")" - \
	"$(awk -v k="$k" -v q="$q" 'BEGIN { printf "%.0fx", q / k }')" ">= 20x faster" \
	"$(awk -v k="$k" -v q="$q" 'BEGIN { print (q / k >= 20 ? "yes" : "NO") }')"
echo
echo "baseline: the same loop on Debian's $(ls /lib/modules | sort -V | tail -1) kernel under QEMU (TCG): kbuild of the .ko, one"
echo "guest boot per iteration (compare/realvm/run-real.sh), insmod + cat. Medians of $n_kplay (kplay) and $n_qemu (QEMU) iterations."
