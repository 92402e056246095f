#!/usr/bin/env bash
# Times sctpconform, tshark and scapy decoding the same SCTP capture, and prints our speed as a
# ratio to theirs (target: at least 1000 times scapy). Figures only, never a pass/fail test.
#
#   scripts/bench-vs-scapy-tshark.sh [PACKETS]        (default 200000 packets)
#
# Environment: SCRATCH (SwiftPM scratch path, default .build), SCAPY_PACKETS (how many packets
# scapy parses, default 20000: it is slow, and its rate per packet does not depend on the count),
# TIMEOUT (seconds allowed for each tool, default 600).
#
# What each tool does per packet:
#   sctpconform  read the pcap record, Ethernet + IPv4, verify the SCTP CRC32c, decode every chunk
#   tshark       full dissection (-T fields, sctp.chunk_type and sctp.checksum.status, CRC-32C on)
#   scapy        PcapReader + full dissection down to the SCTP chunks (no checksum verification)
set -euo pipefail

packets="${1:-200000}"
scapy_packets="${SCAPY_PACKETS:-20000}"
scratch="${SCRATCH:-.build}"
limit="${TIMEOUT:-600}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/sctpconform-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT

cd "$root"
echo "building sctpconform-bench (release)..."
swift build -c release --scratch-path "$scratch" --product sctpconform-bench >/dev/null
bench="$scratch/release/sctpconform-bench"

"$bench" capture write "$packets" "$work/big.pcap" >/dev/null
"$bench" capture write "$scapy_packets" "$work/scapy.pcap" >/dev/null
"$bench" capture write 1 "$work/one.pcap" >/dev/null

now() { date +%s.%N; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { if (s <= 0) s = 1e-9; printf "%.0f", n / s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0) print "n/a"; else printf "%.0f", a / b }'; }

ours="$(timeout "$limit" "$bench" capture decode "$work/big.pcap" --repeat 3 \
    | awk -F': ' '/^rate-packets-per-second/ {print $2}')"
printf '%-12s %12s packets/s  (%s packets, best of 3 passes)\n' sctpconform "$ours" "$packets"

tshark_rate=""
if command -v tshark >/dev/null; then
    tshark_args=(-n -o sctp.checksum:CRC-32C -T fields -e sctp.chunk_type -e sctp.checksum.status)
    elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN {print b - a}'; }
    start="$(now)"
    timeout "$limit" tshark "${tshark_args[@]}" -r "$work/one.pcap" >/dev/null 2>&1
    startup="$(elapsed "$start")"
    start="$(now)"
    timeout "$limit" tshark "${tshark_args[@]}" -r "$work/big.pcap" >/dev/null 2>&1
    total="$(elapsed "$start")"
    tshark_rate="$(rate "$packets" "$total")"
    tshark_net="$(rate "$packets" "$(awk -v t="$total" -v s="$startup" 'BEGIN {print t - s}')")"
    printf '%-12s %12s packets/s  (%s without its %.2f s start-up)\n' tshark "$tshark_rate" "$tshark_net" "$startup"
else
    echo "tshark: not installed (apt-get install tshark)"
fi

scapy_rate=""
if python3 -c 'import scapy' 2>/dev/null; then
    scapy_rate="$(timeout "$limit" python3 - "$work/scapy.pcap" <<'PY'
import sys, time
from scapy.utils import PcapReader
from scapy.layers.sctp import SCTP
count = 0
start = time.perf_counter()
for packet in PcapReader(sys.argv[1]):
    sctp = packet[SCTP]
    layer = sctp.payload
    while layer is not None and layer.name != "NoPayload":
        layer = layer.payload
    count += 1
elapsed = time.perf_counter() - start
print(int(count / elapsed))
PY
)"
    printf '%-12s %12s packets/s  (%s packets)\n' scapy "$scapy_rate" "$scapy_packets"
else
    echo "scapy: not installed (pip install scapy)"
fi

echo
[ -n "$tshark_rate" ] && printf 'sctpconform / tshark: %sx\n' "$(ratio "$ours" "$tshark_rate")"
if [ -n "$scapy_rate" ]; then
    times="$(ratio "$ours" "$scapy_rate")"
    verdict="NOT met"; [ "$times" != "n/a" ] && [ "$times" -ge 1000 ] && verdict="met"
    printf 'sctpconform / scapy:  %sx  (target >= 1000x: %s)\n' "$times" "$verdict"
fi
