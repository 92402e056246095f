#!/usr/bin/env bash
# Cheap timers for the Linux target: the wall time of the stale-cookie exchange
# (Scenarios/cookie-stale.yaml: cookie life 60 s, COOKIE ECHO 65 s after the INIT ACK, ERROR Stale
# Cookie expected with a staleness of 4.9..5.1 s) with and without QEMU's idle-skipping
# (`-icount shift=N,sleep=off`: the guest's clock advances by instructions and jumps to the next
# timer when the guest is idle). Each line: boot time, the wall time of the 65 s wait, the time that
# passed on the guest's clock, the staleness the kernel reported and the verdict.
#
#   scripts/bench-linux-timers.sh [REPEATS]      (default 1; needs qemu and the project's python venv)
#
# Figures are indicative: the machine is shared. The exchange runs over UDP encapsulation through
# QEMU's user-mode network (no root needed); see docs/linux-target.md for what the figures mean.
set -euo pipefail
cd "$(dirname "$0")/.."
repeats="${1:-1}"
python="$(./scripts/install-system-packages.sh --print-python)"
[ -x "$python" ] || { echo "bench-linux-timers: run scripts/install-system-packages.sh first (scapy venv)" >&2; exit 2; }
started=$(date +%s.%N)
image="$(./scripts/build-linux-image.sh | tail -1)"
echo "image: $image ($(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $started }") s to build or find)"
for _ in $(seq "$repeats"); do
    timeout 300 "$python" scripts/linux/timers_probe.py "$image" real
    timeout 300 "$python" scripts/linux/timers_probe.py "$image" guest -icount shift=4,sleep=off
    timeout 300 "$python" scripts/linux/timers_probe.py "$image" guest -icount shift=auto,sleep=off
done
