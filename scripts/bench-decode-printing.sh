#!/usr/bin/env bash
# Times the printing of `sctpconform decode` (the default tcpdump-style lines and --json) against
# tshark's one-line output on the same capture, and prints lines per second and the ratios.
# Figures only, never a pass/fail test; on a shared machine they are indicative.
#
#   scripts/bench-decode-printing.sh [PACKETS]        (default 1000000 packets)
#
# The capture is the one `sctpconform-bench check` synthesizes (thousands of interleaved
# associations, bundled SACK + DATA, handshakes, heartbeats, shutdowns, some over UDP).
# Environment: SCRATCH (SwiftPM scratch path, default .build), CAPTURE (use this file instead of
# synthesizing one), SCTPCONFORM (use this binary), BASELINE (a second sctpconform binary, e.g. an
# older build, timed the same way right after), PASSES (timed passes per command, default 3).
# Each figure is the best of PASSES passes, in wall time and in CPU time (user + system: less
# disturbed by other load on the machine).
set -euo pipefail

packets="${1:-1000000}"
scratch="${SCRATCH:-.build}"
passes="${PASSES:-3}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/sctpconform-printing.XXXXXX)"
trap 'rm -rf "$work"' EXIT
cd "$root"

binary="${SCTPCONFORM:-}"
if [ -z "$binary" ]; then
    echo "building sctpconform (release)..."
    swift build -c release --scratch-path "$scratch" --product sctpconform >/dev/null
    binary="$scratch/release/sctpconform"
fi
capture="${CAPTURE:-}"
if [ -z "$capture" ]; then
    echo "building sctpconform-bench (release)..."
    swift build -c release --scratch-path "$scratch" --product sctpconform-bench >/dev/null
    capture="$work/synthesized.pcap"
    "$scratch/release/sctpconform-bench" check "$packets" --write "$capture" >/dev/null
fi
lines="$("$binary" decode "$capture" 2>/dev/null | wc -l)"

# best COMMAND...: "WALL CPU" in seconds, each the smallest of PASSES runs (output to /dev/null).
best() {
    local wall="" cpu="" w u s c
    for _ in $(seq "$passes"); do
        /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" >/dev/null 2>&1 || true
        read -r w u s < <(tail -1 "$work/time")
        c="$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')"
        wall="$(awk -v a="$wall" -v b="$w" 'BEGIN { print (a == "" || b < a) ? b : a }')"
        cpu="$(awk -v a="$cpu" -v b="$c" 'BEGIN { print (a == "" || b < a) ? b : a }')"
    done
    echo "$wall $cpu"
}
rate() { awk -v n="$lines" -v s="$1" 'BEGIN { if (s <= 0) s = 0.01; printf "%.0f", n / s }'; }
row() {
    read -r wall cpu <<<"$2"
    printf '%-34s %10s lines/s wall (%6.2f s)  %10s lines/s CPU (%6.2f s)\n' "$1" "$(rate "$wall")" "$wall" \
        "$(rate "$cpu")" "$cpu"
}

echo "$lines lines from $capture; best of $passes passes"
text="$(best "$binary" decode "$capture")"
row "sctpconform decode" "$text"
json="$(best "$binary" decode --json "$capture")"
row "sctpconform decode --json" "$json"
if [ -n "${BASELINE:-}" ]; then
    row "baseline decode" "$(best "$BASELINE" decode "$capture")"
    row "baseline decode --json" "$(best "$BASELINE" decode --json "$capture")"
fi
if command -v tshark >/dev/null; then
    shark="$(best tshark -n -r "$capture")"
    row "tshark -n -r (one line per packet)" "$shark"
    read -r tw tc <<<"$shark"
    read -r sw sc <<<"$text"
    awk -v tw="$tw" -v tc="$tc" -v sw="$sw" -v sc="$sc" 'BEGIN {
        printf "decode vs tshark: %.1fx (wall), %.1fx (CPU)\n", tw / sw, tc / sc }'
else
    echo "tshark: not installed (apt-get install tshark)"
fi
