# shellcheck shell=bash
# Shared helpers for compare/realvm/*.sh — sourced, not executed.
# Callers set RV_PROG (their own name, for messages) before sourcing.

rv_die() {
	printf '%s: error: %s\n' "${RV_PROG:-realvm}" "$*" >&2
	exit 1
}

rv_note() {
	printf '%s: %s\n' "${RV_PROG:-realvm}" "$*"
}

# Seconds since the epoch with microseconds (bash 5 EPOCHREALTIME).
rv_now() {
	printf '%s' "${EPOCHREALTIME/,/.}"
}

# rv_elapsed START -> "12.3" (seconds since START, one decimal)
rv_elapsed() {
	awk -v a="$1" -v b="$(rv_now)" 'BEGIN { printf "%.1f", b - a }'
}

# The newest kernel version that has both /lib/modules/V/build and /boot/vmlinuz-V.
rv_default_kernel() {
	local d v best=''
	for d in /lib/modules/*/; do
		v=${d%/}
		v=${v##*/}
		if [ -d "/lib/modules/$v/build" ] && [ -f "/boot/vmlinuz-$v" ]; then
			best+="$v"$'\n'
		fi
	done
	[ -n "$best" ] || return 1
	printf '%s' "$best" | sort -V | tail -n 1
}

# rv_check_positive_int NAME VALUE
rv_check_positive_int() {
	case "$2" in
	'' | *[!0-9]* | 0) rv_die "$1 must be a positive integer (seconds), got '$2'" ;;
	esac
}
