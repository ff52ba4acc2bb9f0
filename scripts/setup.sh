#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs exactly the Debian 12 packages that lockstep's build, tests and main job need.
# Idempotent: does nothing (no apt-get call) when every package is already installed.
# Usage: scripts/setup.sh [--bench]   (--bench adds the peer tools used by the benchmarks)
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libboost-graph-dev libeigen3-dev libtbb-dev libhdf5-dev catch2
  libsimdjson-dev libzstd-dev zlib1g-dev zstd libcli11-dev libtomlplusplus-dev libfmt-dev
  libutf8proc-dev libxxhash-dev libssl-dev
  python3 python3-h5py python3-numpy
  libsqlite3-dev
  python3-networkx python3-pandas python3-matplotlib jupyter-nbconvert python3-nbconvert python3-ipykernel
)
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(libbenchmark-dev python3-igraph python3-leidenalg python3-sklearn)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} == 0)); then
  exit 0
fi
echo "setup: installing ${missing[*]}" >&2
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
