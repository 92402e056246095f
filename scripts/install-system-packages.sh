#!/usr/bin/env bash
# Installs every system package sctpconform needs on a fresh Debian 12 machine (run as root, or
# with sudo available). Idempotent and quick when everything is already there.
#
#   libusrsctp-dev        the default target: usrsctp linked statically into a virtual-time helper
#   gcc                   compiles that helper on demand
#   tshark                independent decoder for the differential tests
#   scapy (PyPI)          second independent decoder for the differential tests
set -euo pipefail

apt_packages=(libusrsctp-dev gcc tshark)
python_packages=(scapy)

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        echo "install-system-packages: need root (or sudo) to run: $*" >&2; exit 2; fi
}

missing=()
for package in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
    echo "install-system-packages: installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python=python3
command -v "$python" >/dev/null || { as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-pip >/dev/null; }
for package in "${python_packages[@]}"; do
    "$python" -c "import $package" 2>/dev/null || "$python" -m pip install -q "$package"
done
echo "install-system-packages: ready"
