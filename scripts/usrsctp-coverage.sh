#!/usr/bin/env bash
# usrsctp-coverage.sh [SECONDS] [--scenarios]: line coverage of usrsctp's protocol code
# (usrsctplib/netinet*/*.c) reached by `sctpconform fuzz` campaigns of SECONDS in all (default 300) on
# one core, seed 1, empty corpus: a third out of the blue, a third from an association with the SUT as
# server (Scenarios/preambles/established.yaml), a third with the SUT as client; with --scenarios,
# the project's scenarios (Scenarios/) run first, and the figure is for both together. Prints the
# total and the coldest files.
#
# What it does:
#   1. usrsctp's source at tag 0.9.5.0, never committed here: $USRSCTP_SOURCE_DIR if set (a tree of
#      that tag), else $USRSCTP_GIT_DIR if set (a clone of github.com/sctplab/usrsctp: `git archive
#      0.9.5.0`), else Debian's source package libusrsctp 0.9.5.0-2, whose orig tarball is upstream's
#      0.9.5.0 release (fetched with apt-get source through a private deb-src list, so the machine's
#      apt configuration is untouched; its SHA-256 is checked). Kept in the cache below.
#   2. builds libusrsctp.a with clang source-based coverage (-fprofile-instr-generate -fcoverage-mapping,
#      counters relocated at run time so the helper's forked children count into the same profile
#      file: continuous mode, %c) and -fsanitize-coverage=trace-pc-guard (the fuzzer's edge feedback).
#   3. runs the campaign with SCTPCONFORM_USRSCTP_LIBRARY pointing at it and CC at a clang wrapper
#      that links the profile runtime, in a cache of its own (so the instrumented helper never
#      replaces the normal one).
#   4. merges the profiles and reports with llvm-cov (the toolchain's, matching its clang).
#
# Environment: SCTPCONFORM_BIN (a built sctpconform; default: `swift build -c release` here),
# CLANG / LLVM_PROFDATA / LLVM_COV (default: the Swift toolchain's), COVERAGE_DIR (work and cache
# directory; default ${SCTPCONFORM_CACHE_DIR:-~/.cache/sctpconform}/usrsctp-coverage).
set -euo pipefail

seconds=300
with_scenarios=0
for argument in "$@"; do
    case "$argument" in
    --scenarios) with_scenarios=1 ;;
    ''|*[!0-9]*) echo "usage: $0 [SECONDS] [--scenarios]" >&2; exit 2 ;;
    *) seconds="$argument" ;;
    esac
done

root="$(cd "$(dirname "$0")/.." && pwd)"
cache_root="${SCTPCONFORM_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/sctpconform}"
work="${COVERAGE_DIR:-$cache_root/usrsctp-coverage}"
tag=0.9.5.0
orig_sha256=260107caf318650a57a8caa593550e39bca6943e93f970c80d6c17e59d62cd92
toolchain_bin="$(dirname "$(readlink -f "$(command -v swift)")")"
clang="${CLANG:-$toolchain_bin/clang}"
profdata="${LLVM_PROFDATA:-$toolchain_bin/llvm-profdata}"
llvm_cov="${LLVM_COV:-$toolchain_bin/llvm-cov}"
mkdir -p "$work"

# ---------------------------------------------------------------- 1. the source
source_dir="${USRSCTP_SOURCE_DIR:-$work/usrsctp-$tag}"
if [ ! -f "$source_dir/usrsctplib/netinet/sctp_input.c" ]; then
    rm -rf "$work/usrsctp-$tag.partial"
    mkdir -p "$work/usrsctp-$tag.partial"
    if [ -n "${USRSCTP_GIT_DIR:-}" ]; then
        echo "usrsctp-coverage: usrsctp $tag from $USRSCTP_GIT_DIR"
        git --git-dir="$USRSCTP_GIT_DIR" archive "$tag" | tar -x -C "$work/usrsctp-$tag.partial"
    else
        echo "usrsctp-coverage: usrsctp $tag from Debian's source package libusrsctp"
        apt_dir="$work/apt"
        mkdir -p "$apt_dir/lists/partial" "$apt_dir/get"
        keyring=/usr/share/keyrings/debian-archive-keyring.gpg
        echo "deb-src [signed-by=$keyring] http://deb.debian.org/debian bookworm main" > "$apt_dir/sources.list"
        apt_options=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
            -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache" -qq)
        mkdir -p "$apt_dir/cache"
        apt-get "${apt_options[@]}" update
        (cd "$apt_dir/get" && apt-get "${apt_options[@]}" source --download-only libusrsctp 2>/dev/null)
        tarball="$apt_dir/get/libusrsctp_$tag.orig.tar.gz"
        echo "$orig_sha256  $tarball" | sha256sum -c --quiet
        tar -xzf "$tarball" -C "$work/usrsctp-$tag.partial" --strip-components=1
    fi
    rm -rf "$work/usrsctp-$tag"
    mv "$work/usrsctp-$tag.partial" "$work/usrsctp-$tag"
    source_dir="$work/usrsctp-$tag"
fi
source_dir="$(cd "$source_dir" && pwd)"

# ---------------------------------------------------------------- 2. the instrumented library
build="$work/build"
library="$build/libusrsctp.a"
flags=(-O1 -g -fPIC -std=gnu99 -w -fprofile-instr-generate -fcoverage-mapping -mllvm -runtime-counter-relocation
    -fsanitize-coverage=trace-pc-guard
    -D__Userspace__ -DSCTP_SIMPLE_ALLOCATOR -DSCTP_PROCESS_LEVEL_LOCKS -D_GNU_SOURCE -DINET -DINET6
    -DHAVE_SYS_QUEUE_H -DHAVE_LINUX_IF_ADDR_H -DHAVE_LINUX_RTNETLINK_H -DHAVE_NETINET_IP_ICMP_H -DHAVE_STDATOMIC_H
    -I "$source_dir/usrsctplib")
stamp="$source_dir ${flags[*]}"
if [ ! -f "$library" ] || [ "$(cat "$build/flags" 2>/dev/null)" != "$stamp" ]; then
    echo "usrsctp-coverage: building libusrsctp.a with clang coverage"
    rm -rf "$build"
    mkdir -p "$build/objects"
    lib="$source_dir/usrsctplib"
    for file in "$lib"/*.c "$lib"/netinet/*.c "$lib"/netinet6/*.c; do
        relative="${file#"$source_dir"/usrsctplib/}"
        "$clang" "${flags[@]}" -c "$file" -o "$build/objects/${relative//\//_}.o"
    done
    "$toolchain_bin/llvm-ar" rcs "$library.tmp" "$build"/objects/*.o
    mv "$library.tmp" "$library"
    echo "$stamp" > "$build/flags"
fi
# The helper is compiled by sctpconform with $CC: this wrapper links clang's profile runtime.
wrapper="$build/cc-coverage"
printf '#!/bin/sh\nexec "%s" -fprofile-instr-generate -Wno-unused-command-line-argument "$@"\n' "$clang" > "$wrapper"
chmod +x "$wrapper"

# ---------------------------------------------------------------- 3. the campaign
if [ -n "${SCTPCONFORM_BIN:-}" ]; then
    sctpconform="$SCTPCONFORM_BIN"
else
    (cd "$root" && swift build -c release --product sctpconform >/dev/null)
    sctpconform="$root/.build/release/sctpconform"
fi
# One core when taskset (util-linux) is there.
pin=""
command -v taskset >/dev/null && pin="taskset -c 0"
profiles="$work/profiles"
rm -rf "$profiles" "$work/helper-cache" "$work/campaign"
mkdir -p "$profiles" "$work/campaign"
export SCTPCONFORM_USRSCTP_LIBRARY="$library" SCTPCONFORM_USRSCTP_INCLUDE="$source_dir/usrsctplib"
export CC="$wrapper" SCTPCONFORM_CACHE_DIR="$work/helper-cache"
# %c: continuous mode (counters written as they change, forked children included); %p per helper.
export LLVM_PROFILE_FILE="$profiles/usrsctp-%p-%c.profraw"
if [ "$with_scenarios" -eq 1 ]; then
    echo "usrsctp-coverage: the scenarios"
    (cd "$root" && "$sctpconform" run Scenarios --target usrsctp --seed 1 >/dev/null) || true
fi
if [ "$seconds" -gt 0 ]; then
    # One core, SECONDS in all, split evenly between three prefixes: out of the blue, an association
    # with the SUT as server, and one with the SUT as client.
    prefixes=("" "$root/Scenarios/preambles/established.yaml" "$root/Scenarios/preambles/established-client.yaml")
    share=$(( seconds / ${#prefixes[@]} ))
    for prefix in "${prefixes[@]}"; do
        name="$(basename "${prefix:-out-of-the-blue}" .yaml)"
        echo "usrsctp-coverage: a fuzz campaign of $share s from $name (seed 1, empty corpus, one job, one core)"
        (cd "$work/campaign" && $pin "$sctpconform" fuzz --target usrsctp --seed 1 --max-time "${share}s" \
            --jobs 1 ${prefix:+--scenario "$prefix"} --corpus "$work/campaign/Corpus/$name" \
            --findings "$work/campaign/findings/$name" | grep -E "^fuzz: ") || true
    done
fi

# ---------------------------------------------------------------- 4. the report
helper="$(ls -t "$work"/helper-cache/helpers/usrsctp-*/sctpconform-usrsctp 2>/dev/null | head -1 || true)"
if [ -z "$helper" ] || ! ls "$profiles"/*.profraw >/dev/null 2>&1; then
    echo "usrsctp-coverage: no instrumented helper ran (nothing to report)" >&2
    exit 1
fi
"$profdata" merge -sparse "$profiles"/*.profraw -o "$work/usrsctp.profdata"
report="$("$llvm_cov" report "$helper" -instr-profile="$work/usrsctp.profdata" \
    "$source_dir"/usrsctplib/netinet/*.c "$source_dir"/usrsctplib/netinet6/*.c)"
echo "$report" | awk -v root="$source_dir/usrsctplib/" '
    $1 == "TOTAL" { total = $0 }
    $1 ~ /\.c$/ { name = $1; sub(root, "", name); files[name] = $(NF-5) " " $(NF-4) }
    END {
        # Columns: regions, missed, cover, functions, missed, executed, lines, missed lines, cover, branches...
        n = split(total, t); covered = t[n-5] - t[n-4]
        printf "usrsctp-coverage: lines covered %d of %d (%.1f %%) in usrsctplib/netinet*/*.c\n",
            covered, t[n-5], 100 * covered / t[n-5]
        print "usrsctp-coverage: the coldest files (lines covered / lines):"
        for (name in files) {
            split(files[name], f, " ")
            if (f[1] > 0) { printf "%8.1f %%  %6d / %-6d %s\n", 100 * (f[1] - f[2]) / f[1], f[1] - f[2], f[1], name }
        }
    }' | { read -r headline; echo "$headline"; read -r title; echo "$title"; sort -n | head -12; }
