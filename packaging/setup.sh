#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a playground you can `cat`:
# installs the dependencies, builds kplay and the examples, mounts
# mountpoints/{dev,proc,sys} and loads every example.
#   packaging/setup.sh [--root DIR] [--no-load]
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
root="$top/mountpoints"
load=1
while [ $# -gt 0 ]; do
	case "$1" in
	--root) root=$2; shift 2 ;;
	--no-load) load=0; shift ;;
	-h|--help) sed -n '2,5p' "$0"; exit 0 ;;
	*) echo "setup.sh: unknown option $1" >&2; exit 2 ;;
	esac
done

"$top/packaging/install-deps.sh" --build
cmake -S "$top" -B "$top/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$top/build" -j"$(nproc)"

kplay="$top/build/kplay"
# A root that is already up is restarted, so the fresh build is what runs.
"$kplay" down --root "$root" >/dev/null 2>&1 || true
"$kplay" up --root "$root"
if [ "$load" = 1 ]; then
	start=$(date +%s%N)
	n=0
	for so in "$top"/build/plugins/*.so; do
		"$kplay" insmod --root "$root" "$so"
		n=$((n + 1))
	done
	echo "setup.sh: loaded $n examples in $(( ($(date +%s%N) - start) / 1000000 )) ms"
fi
"$kplay" lsmod --root "$root"
echo
echo "Try:  cat $root/sys/module/hello_5/parameters/myint"
echo "      $kplay dmesg --root $root"
echo "Stop: $kplay down --root $root"
