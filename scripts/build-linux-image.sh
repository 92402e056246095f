#!/usr/bin/env bash
# Builds the Linux test VM's kernel and initramfs from Debian packages, into the cache, and prints
# the image folder (holding `vmlinuz`, `initramfs.cpio.gz` and `manifest.txt`) as its last line.
# `--target linux` runs it on first use; running it by hand does the same.
#
#   scripts/build-linux-image.sh [--print-key] [--force]
#
# What goes in:
#   linux-image-*-cloud-amd64   the kernel behind Debian's linux-image-cloud-amd64 (apt-get download +
#                               dpkg-deb -x, nothing installed): vmlinuz and the modules for SCTP
#                               (sctp, libcrc32c, udp_tunnel, ip6_udp_tunnel), virtio-net and
#                               virtio-serial, with what they depend on (read from each module)
#   busybox-static              the guest's shell and tools (the host's /bin/busybox)
#   the agent                   Sources/Targets/Linux/sctpconform-linux-agent.c, compiled with gcc -static
#   /init                       Sources/Targets/Linux/guest-init.sh
#   lksctp-tools, ncat, iperf3  the seeds' tools (sctp_test, sctp_darn, sctp_status, checksctp, ncat,
#                               iperf3) with their shared libraries (ldd), for `--app`
#
# The cache (${SCTPCONFORM_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/sctpconform}/linux) is keyed by
# the package versions, the agent's and init's sources and this script: a new kernel in the archive,
# an upgraded busybox or an edited agent builds a new image; otherwise the cached one is printed at
# once. Downloaded .deb files are kept beside it. Builds lock the cache (flock), so parallel callers
# build once. Environment: SCTPCONFORM_LINUX_KERNEL_PACKAGE (a linux-image package name to use
# instead), SCTPCONFORM_LINUX_SOURCES (folder of the agent and init), CC.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
sources="${SCTPCONFORM_LINUX_SOURCES:-$here/../Sources/Targets/Linux}"
cache_root="${SCTPCONFORM_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/sctpconform}"
cache="$cache_root/linux"
compiler="${CC:-gcc}"
tool_packages=(lksctp-tools libsctp1 ncat liblua5.3-0 libpcap0.8 iperf3 libiperf0)
tool_binaries=(sctp_test sctp_darn sctp_status checksctp ncat iperf3)
wanted_modules=(sctp virtio_net virtio_pci virtio_console)
print_key=0
force=0
for argument in "$@"; do
    case "$argument" in
        --print-key) print_key=1 ;;
        --force) force=1 ;;
        *) echo "build-linux-image: unknown argument $argument" >&2; exit 2 ;;
    esac
done

say() { echo "build-linux-image: $*" >&2; }
fail() { say "$*"; exit 1; }

for tool in apt-cache apt-get dpkg-deb cpio gzip flock "$compiler" sha256sum; do
    command -v "$tool" >/dev/null || fail "$tool is missing (run scripts/install-system-packages.sh)"
done
[ -x /bin/busybox ] || fail "/bin/busybox is missing (apt-get install busybox-static)"
/bin/busybox --list >/dev/null 2>&1 && ! ldd /bin/busybox >/dev/null 2>&1 \
    || fail "/bin/busybox is not static (apt-get install busybox-static)"
for file in sctpconform-linux-agent.c sctpconform-linux-agent-io.c sctpconform-linux-agent-options.c \
    sctpconform-linux-agent-events.c sctpconform-linux-agent-apps.c guest-init.sh; do
    [ -r "$sources/$file" ] || fail "missing $sources/$file (set SCTPCONFORM_LINUX_SOURCES)"
done

kernel_package="${SCTPCONFORM_LINUX_KERNEL_PACKAGE:-}"
if [ -z "$kernel_package" ]; then
    kernel_package="$(apt-cache show --no-all-versions linux-image-cloud-amd64 2>/dev/null \
        | sed -n 's/^Depends:.*\(linux-image-[0-9][^ ,]*\).*/\1/p' | head -1)"
    [ -n "$kernel_package" ] || fail "apt does not know linux-image-cloud-amd64 (apt-get update?)"
fi
# Every candidate version in one apt-cache call (each call costs about a second).
declare -A candidates=()
while read -r package version; do candidates[$package]="$version"; done < <(
    apt-cache policy "$kernel_package" "${tool_packages[@]}" 2>/dev/null \
        | awk '/^[^ ].*:$/ { sub(":$", ""); name = $0 } /Candidate:/ { print name, $2 }')
candidate() { echo "${candidates[$1]:-}"; }
versions="$kernel_package=$(candidate "$kernel_package")"
versions+=" busybox-static=$(dpkg-query -W -f='${Version}' busybox-static 2>/dev/null || echo unknown)"
for package in "${tool_packages[@]}"; do versions+=" $package=$(candidate "$package")"; done
key="$( { echo "$versions"; cat "$sources"/sctpconform-linux-agent*.c "$sources/guest-init.sh" "$0"; \
    "$compiler" --version | head -1; } | sha256sum | cut -c1-16)"
if [ "$print_key" = 1 ]; then echo "$key"; exit 0; fi

image="$cache/images/$key"
mkdir -p "$cache/images" "$cache/debs"
exec 9>"$cache/.lock"
flock -w 600 9 || fail "timed out waiting for another build's lock on $cache/.lock"
if [ "$force" = 0 ] && [ -s "$image/vmlinuz" ] && [ -s "$image/initramfs.cpio.gz" ] \
    && [ -s "$image/manifest.txt" ]; then
    echo "$image"
    exit 0
fi
started=$(date +%s.%N)
work="$(mktemp -d "$cache/.build.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# Packages: downloaded once per version into the deb cache, unpacked into the work folder.
fetch() {
    local package="$1" version deb
    version="$(candidate "$package")"
    [ -n "$version" ] && [ "$version" != "(none)" ] || fail "apt has no candidate for $package"
    deb="$(ls "$cache/debs/${package}_${version//:/%3a}_"*.deb 2>/dev/null | head -1 || true)"
    if [ -z "$deb" ]; then
        say "downloading $package $version"
        (cd "$cache/debs" && apt-get download -q "$package=$version" >/dev/null 2>"$work/apt.log") \
            || { cat "$work/apt.log" >&2; fail "apt-get download $package failed"; }
        deb="$(ls "$cache/debs/${package}_"*.deb | grep -F "_${version//:/%3a}_" | head -1)"
    fi
    echo "$deb"
}
root="$work/root"
mkdir -p "$root"/{bin,sbin,etc/sctpconform,lib/modules,lib64,proc,sys,dev,tmp,usr/bin,usr/lib}
dpkg-deb -x "$(fetch "$kernel_package")" "$work/kernel"
mkdir -p "$work/tools"
for package in "${tool_packages[@]}"; do dpkg-deb -x "$(fetch "$package")" "$work/tools"; done

# The kernel and the modules, dependencies first (modules.dep is made by depmod at install time,
# so each module's own `depends=` is read instead).
cp "$work"/kernel/boot/vmlinuz-* "$work/vmlinuz"
module_root="$(ls -d "$work"/kernel/lib/modules/*/kernel)"
declare -A module_path=()
while IFS= read -r path; do
    name="$(basename "$path" .ko)"
    module_path[${name//-/_}]="$path"
done < <(find "$module_root" -name '*.ko')
ordered=()
declare -A placed=()
place() {
    local name="${1//-/_}" dependency
    [ -n "${placed[$name]:-}" ] && return
    [ -n "${module_path[$name]:-}" ] || fail "module $name not in $kernel_package"
    placed[$name]=1
    for dependency in $(tr '\0' '\n' < "${module_path[$name]}" | sed -n 's/^depends=//p' | tr ',' ' '); do
        place "$dependency"
    done
    ordered+=("$name")
}
for module in "${wanted_modules[@]}"; do place "$module"; done
for module in "${ordered[@]}"; do
    cp "${module_path[$module]}" "$root/lib/modules/$module.ko"
    echo "$module.ko" >> "$root/etc/sctpconform/modules"
done

cp /bin/busybox "$root/bin/busybox"
cp "$sources/guest-init.sh" "$root/init"
chmod 755 "$root/init"
"$compiler" -static -O2 -Wall -o "$root/bin/sctpconform-linux-agent" "$sources/sctpconform-linux-agent.c" \
    || fail "compiling the agent failed"

# The seeds' tools with every shared library ldd names (from the unpacked packages, else the host).
libraries="$work/tools/usr/lib/x86_64-linux-gnu:$work/tools/lib/x86_64-linux-gnu"
for binary in "${tool_binaries[@]}"; do
    cp "$work/tools/usr/bin/$binary" "$root/usr/bin/$binary"
    listing="$(LD_LIBRARY_PATH="$libraries" ldd "$work/tools/usr/bin/$binary")"
    if grep -q "not found" <<<"$listing"; then fail "libraries of $binary not found: $listing"; fi
    while read -r library; do
        target="$root${library#"$work/tools"}"
        mkdir -p "$(dirname "$target")"
        cp -L "$library" "$target"
    done < <(awk '/=> \// { print $3 } /^\t\/lib/ { print $1 }' <<<"$listing")
done
echo "root:x:0:0:root:/:/bin/sh" > "$root/etc/passwd"
echo "root:x:0:" > "$root/etc/group"

(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet --reproducible | gzip -1) > "$work/initramfs.cpio.gz"
{
    echo "key $key"
    for entry in $versions; do echo "package ${entry%%=*} ${entry#*=}"; done
    echo "modules ${ordered[*]}"
    echo "tools ${tool_binaries[*]}"
    echo "built $(date -u +%Y-%m-%dT%H:%M:%SZ) in $(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $started }") s"
} > "$work/manifest.txt"
rm -rf "$image"
mkdir -p "$image.tmp.$$"
mv "$work/vmlinuz" "$work/initramfs.cpio.gz" "$work/manifest.txt" "$image.tmp.$$/"
mv "$image.tmp.$$" "$image"
say "built $image ($(du -sh "$image" | cut -f1))"
echo "$image"
