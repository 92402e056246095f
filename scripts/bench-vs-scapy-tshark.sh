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
# Two comparisons are printed: reading the same pcap file (record, link and IP layers included), and
# dissecting the same 64-byte DATA packet already in memory (the codec benchmark's packet).
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

# The same 64-byte DATA packet, already in memory: what the codec benchmark's headline figure
# measures (decode + CRC32c verify), against scapy dissecting those bytes with SCTP(bytes).
memory_ours="$("$bench" codec | awk '/^decode \+ CRC32c verify, 64-byte DATA/ {
    for (i = 1; i <= NF; i++) if ($i == "Mpackets/s") { printf "%.0f", $(i - 1) * 1000000; exit } }')"
printf '\nin memory, one 64-byte DATA packet (the codec benchmark'"'"'s packet):\n'
printf '%-12s %12s packets/s  (decode + CRC32c verify)\n' sctpconform "$memory_ours"
memory_scapy=""
if [ -n "$scapy_rate" ]; then
    memory_scapy="$(timeout "$limit" python3 - "$work/one.pcap" "$scapy_packets" <<'PY'
import sys, time
from scapy.utils import rdpcap
from scapy.layers.sctp import SCTP
from scapy.compat import raw
data = raw(rdpcap(sys.argv[1])[0][SCTP])
assert len(data) == 64, len(data)
count = int(sys.argv[2])
start = time.perf_counter()
for _ in range(count):
    layer = SCTP(data)
    while layer is not None and layer.name != "NoPayload":
        layer = layer.payload
elapsed = time.perf_counter() - start
print(int(count / elapsed))
PY
)"
    printf '%-12s %12s packets/s  (SCTP(bytes), full dissection)\n' scapy "$memory_scapy"
fi

verdict() { if [ "$1" != "n/a" ] && [ "$1" -ge 1000 ]; then echo met; else echo "NOT met"; fi; }
echo
[ -n "$tshark_rate" ] && printf 'sctpconform / tshark, from the file:     %sx\n' "$(ratio "$ours" "$tshark_rate")"
if [ -n "$scapy_rate" ]; then
    times="$(ratio "$ours" "$scapy_rate")"
    printf 'sctpconform / scapy, from the file:      %sx  (target >= 1000x: %s)\n' "$times" "$(verdict "$times")"
    times="$(ratio "$memory_ours" "$memory_scapy")"
    printf 'sctpconform / scapy, packet in memory:   %sx  (target >= 1000x: %s)\n' "$times" "$(verdict "$times")"
fi
