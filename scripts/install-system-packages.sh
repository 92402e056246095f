#!/usr/bin/env bash
# Installs every system package sctpconform needs on a fresh Debian 12 machine (run as root, or
# with sudo available). Idempotent and quick when everything is already there.
#
#   libusrsctp-dev        the default target: usrsctp linked statically into a virtual-time helper
#   gcc                   compiles that helper (and the usrsctp agent) on demand
#   iproute2              `ip netns` and veth pairs for the usrsctp-raw and usrsctp-udp targets
#   libusrsctp-examples   usrsctp's echo_server, the stand-in remote peer of the `--target remote` test
#   tshark                independent decoder for the differential tests
#   golang-go, golang-github-pion-sctp-dev
#                         the `pion` target: an agent in Go built on first use against Debian's pion/sctp
#                         1.8.6 (GOPATH mode, no module download)
#   python3, python3-venv the interpreter for scapy, and what Debian needs to make a venv with pip
#   qemu-system-x86      the Linux target: the kernel's SCTP in a VM (scripts/build-linux-image.sh makes
#                         its image from Debian packages it downloads itself with apt-get download)
#   busybox-static, cpio  the VM's userland and the initramfs archive (iproute2 also makes its tap device)
#   scapy 2.8.0 (PyPI)    second independent decoder for the differential tests (pinned: the
#                         differential tests compare field by field, so its version must not drift)
#
# Debian's python refuses `pip install` outside a virtual environment (PEP 668,
# "externally-managed-environment"), so scapy goes into a venv of the project's own, made from
# Debian's /usr/bin/python3 (whatever python3 comes first on PATH plays no part):
#
#   ${SCTPCONFORM_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/sctpconform}/python
#
# `scripts/test.sh` points the differential tests at that venv's python (SCTPCONFORM_PYTHON).
# `install-system-packages.sh --print-python` prints its path without installing anything.
set -euo pipefail

apt_packages=(
    libusrsctp-dev gcc tshark python3 python3-venv iproute2 libusrsctp-examples qemu-system-x86 busybox-static cpio
    golang-go golang-github-pion-sctp-dev
)
python_packages=(scapy==2.8.0)
base_python=/usr/bin/python3
cache_root="${SCTPCONFORM_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/sctpconform}"
venv="$cache_root/python"
python="$venv/bin/python3"

if [ "${1:-}" = "--print-python" ]; then
    echo "$python"
    exit 0
fi

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        echo "install-system-packages: need root (or sudo) to run: $*" >&2; exit 2; fi
}

missing=()
for package in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
# The Linux target's image script downloads the cloud kernel and the seeds' tools with apt-get
# download: apt's package lists must know them (a fresh container may have none).
if [ "${#missing[@]}" -eq 0 ] && ! apt-cache show --no-all-versions linux-image-cloud-amd64 >/dev/null 2>&1; then
    echo "install-system-packages: updating apt's package lists (for scripts/build-linux-image.sh)"
    as_root apt-get update -qq
fi
if [ "${#missing[@]}" -gt 0 ]; then
    echo "install-system-packages: installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The venv: (re)made when it is missing or broken (for instance after an upgrade of Debian's python).
if ! "$python" -c "import sys" >/dev/null 2>&1; then
    echo "install-system-packages: making the python venv $venv"
    rm -rf "$venv"
    mkdir -p "$cache_root"
    "$base_python" -m venv "$venv"
fi
for requirement in "${python_packages[@]}"; do
    name="${requirement%%==*}"
    wanted="${requirement#*==}"
    have="$("$python" -c "import importlib.metadata as m; print(m.version('$name'))" 2>/dev/null || true)"
    if [ "$have" != "$wanted" ]; then
        echo "install-system-packages: pip installing $requirement into $venv"
        "$python" -m pip install -q --disable-pip-version-check "$requirement"
    fi
done
echo "install-system-packages: ready (python for scapy: $python)"
