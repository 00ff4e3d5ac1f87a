# Helpers for mount-level tests: a fresh kplay root per test, assertions that
# say what was expected, and a trap that always brings the root down.
# Sourced by each test; needs KPLAY (the kplay binary) and PLUGINS (build/plugins).
set -uo pipefail

: "${KPLAY:?KPLAY must name the kplay binary}"
: "${PLUGINS:?PLUGINS must name the built plugins directory}"

T_FAILS=0
T_NAME=$(basename "$0" .sh)
ROOT=$(mktemp -d "/tmp/kplay-${T_NAME}.XXXXXX")

t_cleanup() {
	"$KPLAY" down --root "$ROOT" >/dev/null 2>&1
	if grep -q " $ROOT/" /proc/self/mountinfo; then
		echo "FAIL: mounts left under $ROOT after down"
		umount -l "$ROOT"/dev "$ROOT"/proc "$ROOT"/sys 2>/dev/null
		T_FAILS=$((T_FAILS + 1))
	fi
	rm -rf "$ROOT"
}
trap t_cleanup EXIT

fail() {
	echo "FAIL: $*"
	T_FAILS=$((T_FAILS + 1))
}

# expect_eq WHAT EXPECTED ACTUAL
expect_eq() {
	if [ "$2" == "$3" ]; then
		echo "ok: $1"
	else
		fail "$1: expected [$2], got [$3]"
	fi
}

# expect_contains WHAT NEEDLE HAYSTACK
expect_contains() {
	if [[ "$3" == *"$2"* ]]; then
		echo "ok: $1"
	else
		fail "$1: [$2] not found in [$3]"
	fi
}

# expect_status WHAT EXPECTED_STATUS CMD...
expect_status() {
	local what=$1 want=$2
	shift 2
	"$@" >/dev/null 2>&1
	expect_eq "$what (exit status)" "$want" "$?"
}

kp() { "$KPLAY" "$1" --root "$ROOT" "${@:2}"; }

t_done() {
	if [ "$T_FAILS" -ne 0 ]; then
		echo "$T_NAME: $T_FAILS failure(s)"
		exit 1
	fi
	echo "$T_NAME: all passed"
	exit 0
}
