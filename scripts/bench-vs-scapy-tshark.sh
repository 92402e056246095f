#!/usr/bin/env bash
# Times sctpconform, tshark and scapy decoding the same SCTP capture, and prints our speed as a
# ratio to theirs (target: at least 1000 times scapy). Figures only, never a pass/fail test.
#
#   scripts/bench-vs-scapy-tshark.sh [PACKETS]        (default 200000 packets)
#
# Environment: SCRATCH (SwiftPM scratch path, default .build), SCAPY_PACKETS (how many packets
# scapy parses, default 20000: it is slow, and its rate per packet does not depend on the count),
# PASSES (timed passes per tool, default 3), TIMEOUT (seconds allowed for each tool run, default 600).
#
# Like with like: every figure is a rate in packets per second, and every tool gets the same
# policy, the best of PASSES timed passes over its file (sctpconform and tshark read the same
# PACKETS-packet file, scapy the first SCAPY_PACKETS packets of the same generator). tshark's rate
# is given with and without its start-up time (measured on a one-packet file, best of PASSES).
#
# Two comparisons are printed: reading the same pcap file (record, link and IP layers included), and
# dissecting the same 64-byte DATA packet already in memory (the codec benchmark's packet; there
# sctpconform-bench takes the best of 5 timed batches of at least 50 ms each, scapy the best of
# PASSES passes of SCAPY_PACKETS dissections).
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
passes="${PASSES:-3}"
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

# figure KEY: the value of the bench's machine-readable line `rate-packets-per-second KEY: N` on stdin.
figure() { awk -v key="$1" '$1 == "rate-packets-per-second" && $2 == key ":" { print $3; found = 1 }
    END { if (!found) { print "no figure " key " in the benchmark output" > "/dev/stderr"; exit 1 } }'; }
# best_time COMMAND...: the shortest wall time of PASSES runs, in seconds.
best_time() {
    local best="" start elapsed
    for _ in $(seq "$passes"); do
        start="$(now)"
        timeout "$limit" "$@" >/dev/null 2>&1
        elapsed="$(awk -v a="$start" -v b="$(now)" 'BEGIN {print b - a}')"
        best="$(awk -v a="$best" -v b="$elapsed" 'BEGIN {print (a == "" || b < a) ? b : a}')"
    done
    echo "$best"
}

ours="$(timeout "$limit" "$bench" capture decode "$work/big.pcap" --repeat "$passes" | awk -F': ' '/^rate-packets-per-second:/ {print $2}')"
[ -n "$ours" ] || { echo "sctpconform-bench capture decode printed no rate" >&2; exit 1; }
printf '%-12s %12s packets/s  (%s packets, best of %s passes)\n' sctpconform "$ours" "$packets" "$passes"

tshark_rate=""
if command -v tshark >/dev/null; then
    tshark_args=(-n -o sctp.checksum:CRC-32C -T fields -e sctp.chunk_type -e sctp.checksum.status)
    startup="$(best_time tshark "${tshark_args[@]}" -r "$work/one.pcap")"
    total="$(best_time tshark "${tshark_args[@]}" -r "$work/big.pcap")"
    tshark_rate="$(rate "$packets" "$total")"
    tshark_net="$(rate "$packets" "$(awk -v t="$total" -v s="$startup" 'BEGIN {print t - s}')")"
    printf '%-12s %12s packets/s  (%s packets, best of %s passes; %s without its %.2f s start-up)\n' \
        tshark "$tshark_rate" "$packets" "$passes" "$tshark_net" "$startup"
else
    echo "tshark: not installed (apt-get install tshark)"
fi

scapy_rate=""
# The python the install script gave scapy (its venv), else python3 from PATH.
python="${SCTPCONFORM_PYTHON:-$("$root/scripts/install-system-packages.sh" --print-python)}"
[ -x "$python" ] || python=python3
if "$python" -c 'import scapy' 2>/dev/null; then
    scapy_rate="$(timeout "$limit" "$python" - "$work/scapy.pcap" "$passes" <<'PY'
import sys, time
from scapy.utils import PcapReader
from scapy.layers.sctp import SCTP
best = 0.0
for _ in range(int(sys.argv[2])):
    count = 0
    start = time.perf_counter()
    for packet in PcapReader(sys.argv[1]):
        sctp = packet[SCTP]
        layer = sctp.payload
        while layer is not None and layer.name != "NoPayload":
            layer = layer.payload
        count += 1
    best = max(best, count / (time.perf_counter() - start))
print(int(best))
PY
)"
    printf '%-12s %12s packets/s  (%s packets, best of %s passes)\n' scapy "$scapy_rate" "$scapy_packets" "$passes"
else
    echo "scapy: not installed (pip install scapy)"
fi

# The same 64-byte DATA packet, already in memory: what the codec benchmark's headline figure
# measures (decode + CRC32c verify), against scapy dissecting those bytes with SCTP(bytes).
memory_ours="$("$bench" codec | figure decode-verify-64-byte-data)"
printf '\nin memory, one 64-byte DATA packet (the codec benchmark'"'"'s packet):\n'
printf '%-12s %12s packets/s  (decode + CRC32c verify, best of 5 batches)\n' sctpconform "$memory_ours"
memory_scapy=""
if [ -n "$scapy_rate" ]; then
    memory_scapy="$(timeout "$limit" "$python" - "$work/one.pcap" "$scapy_packets" "$passes" <<'PY'
import sys, time
from scapy.utils import rdpcap
from scapy.layers.sctp import SCTP
from scapy.compat import raw
data = raw(rdpcap(sys.argv[1])[0][SCTP])
assert len(data) == 64, len(data)
count = int(sys.argv[2])
best = 0.0
for _ in range(int(sys.argv[3])):
    start = time.perf_counter()
    for _ in range(count):
        layer = SCTP(data)
        while layer is not None and layer.name != "NoPayload":
            layer = layer.payload
    best = max(best, count / (time.perf_counter() - start))
print(int(best))
PY
)"
    printf '%-12s %12s packets/s  (SCTP(bytes), full dissection, best of %s passes)\n' scapy "$memory_scapy" "$passes"
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
