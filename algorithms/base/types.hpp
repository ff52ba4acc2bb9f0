// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>

namespace lockstep {
using VertexId = std::uint32_t;   // dense internal vertex ids 0..n-1
using EdgeIndex = std::uint64_t;  // index into CSR arrays
}  // namespace lockstep
