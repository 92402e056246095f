#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs the system packages first, then requires
# every external tool (tshark, scapy, the built binary): a missing one fails its tests instead of
# skipping them (SCTPCONFORM_REQUIRE_TOOLS), and scapy runs in the venv the install script made.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-system-packages.sh
SCTPCONFORM_PYTHON="$(./scripts/install-system-packages.sh --print-python)"
export SCTPCONFORM_PYTHON
export SCTPCONFORM_REQUIRE_TOOLS=1
swift build --build-tests
swift test --skip-build
