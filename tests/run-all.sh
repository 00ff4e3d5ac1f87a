#!/usr/bin/env bash
# The whole test suite: installs what it needs, builds with warnings as
# errors, then runs every test through CTest: unit tests (GoogleTest),
# mount-level tests (real tools on a kplay root), the real-kernel runner's
# self-test and `kplay compare` of every example against Debian's kernel in QEMU.
#   tests/run-all.sh [extra ctest arguments, e.g. -L unit]
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$top/packaging/install-deps.sh" --build --compare
cmake -S "$top" -B "$top/build" -DKPLAY_WERROR=ON >/dev/null
cmake --build "$top/build" -j"$(nproc)"
cd "$top/build"
ctest --output-on-failure --timeout 900 "$@"
