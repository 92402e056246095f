#!/usr/bin/env bash
# Installs every system package sctpconform needs on a fresh Debian 12 machine (run as root, or
# with sudo available). Idempotent and quick when everything is already there.
#
#   libusrsctp-dev        the default target: usrsctp linked statically into a virtual-time helper
#   gcc                   compiles that helper on demand
#   tshark                independent decoder for the differential tests
#   scapy 2.8.0 (PyPI)    second independent decoder for the differential tests (pinned: the
#                         differential tests compare field by field, so its version must not drift)
set -euo pipefail

apt_packages=(libusrsctp-dev gcc tshark)
python_packages=(scapy==2.8.0)

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
for requirement in "${python_packages[@]}"; do
    name="${requirement%%==*}"
    wanted="${requirement#*==}"
    have="$("$python" -c "import importlib.metadata as m; print(m.version('$name'))" 2>/dev/null || true)"
    [ "$have" = "$wanted" ] || "$python" -m pip install -q "$requirement"
done
echo "install-system-packages: ready"
