#!/usr/bin/env bash
# Interrupts `sctpconform run` at varied moments and checks what each run leaves (issue 11, item 7):
# no temporary file in the reports folder, either the previous run's report set or the new run's,
# whole (never a mix; a user's README.md untouched), and no helper process alive after the harness.
# A figure, not a test: prints one line per run and a summary, exits 1 if any run left a mess.
#
#   scripts/interrupt-runs.sh [RUNS] [BINARY]      (default 50 runs, .build/debug/sctpconform)
set -euo pipefail

runs="${1:-50}"
root="$(cd "$(dirname "$0")/.." && pwd)"
binary="${2:-$root/.build/debug/sctpconform}"
[ -x "$binary" ] || { echo "no sctpconform binary at $binary (swift build first)" >&2; exit 2; }
work="$(mktemp -d /tmp/sctpconform-interrupt.XXXXXX)"
trap 'rm -rf "$work"' EXIT
reports="$work/reports"
scenarios=(handshake ootb-data cookie-stale init-retransmission shutdown-retransmission vtag-wrong-data)
paths=()
for name in "${scenarios[@]}"; do paths+=("$root/Scenarios/$name.yaml"); done

mkdir -p "$reports"
echo "not a report" > "$reports/README.md"
"$binary" run "$root/Scenarios/handshake.yaml" "$root/Scenarios/abort-received.yaml" --reports "$reports" \
    >/dev/null 2>&1 || true

# fingerprint: the names and contents of the folder.
fingerprint() { (cd "$1" && find . -type f | sort | xargs -r sha1sum) | sha1sum | cut -d' ' -f1; }
# complete: whether the folder holds exactly a whole set of the new run (and README.md).
complete() {
    python3 - "$1" "${scenarios[@]}" <<'PY'
import json, os, sys
folder, ids = sys.argv[1], sys.argv[2:]
try:
    run = json.load(open(os.path.join(folder, "run.json")))
except Exception:
    sys.exit(1)
listed = [entry.get("scenario") for entry in run.get("scenarios", [])]
expected = {"run.json", "junit.xml", "index.html", "README.md"}
for name in ids:
    expected |= {name + ".json", name + ".pcap"}
sys.exit(0 if listed == ids and set(os.listdir(folder)) == expected else 1)
PY
}
# helpers: live processes that carry this run's marker in their environment.
helpers() {
    local marker="$1" found=0 pid state
    for environ in /proc/[0-9]*/environ; do
        pid="${environ#/proc/}"
        pid="${pid%/environ}"
        if grep -qa "$marker" "$environ" 2>/dev/null; then
            state="$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || echo X)"
            if [ "$state" != Z ] && [ "$state" != X ]; then found=$((found + 1)); fi
        fi
    done
    echo "$found"
}

start="$(date +%s%N)"
"$binary" run "${paths[@]}" --reports "$work/timing" >/dev/null 2>&1 || true
whole_ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "a whole run takes ${whole_ms} ms here; $runs runs, each interrupted at a moment spread over it"

bad=0
interrupted=0
for i in $(seq 1 "$runs"); do
    before="$(fingerprint "$reports")"
    marker="SCTPCONFORM_INTERRUPT_RUN=$$-$i-$RANDOM"
    signal=$([ $((i % 2)) -eq 0 ] && echo INT || echo TERM)
    delay_ms=$(( whole_ms * 11 * (i - 1) / (10 * (runs > 1 ? runs - 1 : 1)) ))
    env "$marker" "$binary" run "${paths[@]}" --reports "$reports" --seed "$i" >/dev/null 2>"$work/stderr" &
    pid=$!
    sleep "$(awk -v ms="$delay_ms" 'BEGIN { printf "%.3f", ms / 1000 }')"
    kill -"$signal" "$pid" 2>/dev/null || true
    status=0
    wait "$pid" || status=$?
    if [ "$status" -gt 128 ]; then interrupted=$((interrupted + 1)); fi
    sleep 0.1
    problems=()
    leftovers="$(cd "$reports" && ls -A | grep -E '^\.|\.tmp' || true)"
    if [ -n "$leftovers" ]; then problems+=("temporary files: $leftovers"); fi
    after="$(fingerprint "$reports")"
    if [ "$after" != "$before" ] && ! complete "$reports"; then
        problems+=("a mixed report set: $(ls "$reports" | tr '\n' ' ')")
    fi
    if [ "$(cat "$reports/README.md")" != "not a report" ]; then problems+=("README.md was touched"); fi
    left="$(helpers "${marker%%=*}=${marker#*=}")"
    if [ "$left" -ne 0 ]; then problems+=("$left helper processes left"); fi
    outcome=$([ "$after" = "$before" ] && echo "previous set kept" || echo "new set")
    if [ ${#problems[@]} -eq 0 ]; then
        printf 'run %2d: SIG%-4s after %5d ms, exit %3d, %s\n' "$i" "$signal" "$delay_ms" "$status" "$outcome"
    else
        bad=$((bad + 1))
        printf 'run %2d: SIG%-4s after %5d ms, exit %3d: %s\n' "$i" "$signal" "$delay_ms" "$status" "${problems[*]}"
    fi
done
echo "$runs runs, $interrupted interrupted, $bad left a temporary file, a mixed set or a helper"
[ "$bad" -eq 0 ]
