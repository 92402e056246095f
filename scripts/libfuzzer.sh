#!/usr/bin/env bash
# libfuzzer.sh codec|loader [SECONDS]: fuzzes the SCTP codec or the YAML scenario loader in process
# with libFuzzer (the Swift toolchain's -sanitize=fuzzer; default 60 s, on one core: $LIBFUZZER_CPU,
# default 0) and prints the execution count. Exit status 0 only when libFuzzer found nothing (no
# crash, no leak, no timeout).
#
# The fuzz entry points live in Fuzzing/libfuzzer/ (CodecFuzzer.swift, LoaderFuzzer.swift), outside
# the package's targets: `swift build` never builds them. This script builds the modules they need
# with `swift build --sanitize=fuzzer` in a scratch directory of its own (.build/libfuzzer), links the
# entry point against their objects, and runs it on a corpus in .build/libfuzzer/corpus-NAME, seeded
# from the repository's fixtures (packets from Tests/Fixtures pcaps are not parsed: the seeds are the
# scenario files for the loader and a few hand-made packets for the codec). Crash reproducers go to
# .build/libfuzzer/artifacts-NAME/.
set -euo pipefail

name="${1:-}"
seconds="${2:-60}"
case "$name" in
codec) entry=CodecFuzzer.swift; modules=(SCTPWire CCRC32C); product=SCTPWire ;;
loader) entry=LoaderFuzzer.swift
    modules=(Scenario SCTPWire CCRC32C NetworkLayers VirtualTime HeapModule InternalCollectionsUtilities Yams CYaml)
    product=Scenario ;;
*) echo "usage: $0 codec|loader [SECONDS]" >&2; exit 2 ;;
esac
case "$seconds" in ''|*[!0-9]*) echo "usage: $0 codec|loader [SECONDS]" >&2; exit 2 ;; esac

root="$(cd "$(dirname "$0")/.." && pwd)"
scratch="$root/.build/libfuzzer"
cd "$root"
swift build -c release --sanitize=fuzzer --scratch-path "$scratch" --target "$product" >/dev/null
build="$scratch/release"
objects=()
for module in "${modules[@]}"; do
    while IFS= read -r object; do objects+=("$object"); done < <(find "$build/$module.build" -name '*.o' | sort)
done
module_maps=()
while IFS= read -r map; do module_maps+=(-Xcc "-fmodule-map-file=$map"); done \
    < <(find "$build" -maxdepth 2 -name module.modulemap)
includes=()
for include in "$root"/Sources/*/include "$scratch"/checkouts/*/Sources/*/include; do
    [ -d "$include" ] && includes+=(-Xcc -I -Xcc "$include")
done
binary="$scratch/$name-fuzzer"
swiftc -O -sanitize=fuzzer -parse-as-library "$root/Fuzzing/libfuzzer/$entry" -I "$build/Modules" -I "$build" \
    "${module_maps[@]}" "${includes[@]}" "${objects[@]}" -o "$binary"

corpus="$scratch/corpus-$name"
artifacts="$scratch/artifacts-$name"
mkdir -p "$corpus" "$artifacts"
if [ "$name" = loader ]; then
    find "$root/Scenarios" -name '*.yaml' -exec cp -n {} "$corpus/" \;
else
    # An INIT, and a DATA packet (checksums as the codec expects them are not needed to decode).
    header='\x13\x88\x13\x89\x00\x00\x00\x00\x00\x00\x00\x00'
    printf "$header"'\x01\x00\x00\x14\x11\x22\x33\x44\x00\x01\x00\x00\x00\x0a\x00\x0a\x00\x00\x00\x01' > "$corpus/init"
    printf "$header"'\x00\x03\x00\x14\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00abcd' > "$corpus/data"
fi
# One core when taskset (util-linux) is there.
pin=""
command -v taskset >/dev/null && pin="taskset -c ${LIBFUZZER_CPU:-0}"
log="$scratch/$name.log"
status=0
$pin "$binary" -max_total_time="$seconds" -artifact_prefix="$artifacts/" -print_final_stats=1 \
    "$corpus" >"$log" 2>&1 || status=$?
executions="$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || echo '?')"
crashes="$(ls "$artifacts" | wc -l)"
echo "libfuzzer $name: $executions executions in $seconds s, $crashes crash/leak/timeout reproducers (log: $log)"
if [ "$status" -ne 0 ] || [ "$crashes" -ne 0 ]; then
    tail -n 30 "$log" >&2
    exit 1
fi
