// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <memory>
#include <type_traits>

namespace lockstep {

/// A growable, uninitialised array of trivially copyable T for scratch data that is reused
/// across calls (the arcs of Leiden's aggregated levels, per-vertex work arrays): no zero fill,
/// and no fresh pages to fault in each time it is reused.
template <class T>
class ScratchBuffer {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  /// Makes room for at least `size` elements. Contents are lost when it grows.
  void reserve(std::size_t size) {
    if (size <= capacity_) return;
    data_ = std::make_unique_for_overwrite<T[]>(size);
    capacity_ = size;
  }

  T* data() noexcept { return data_.get(); }
  const T* data() const noexcept { return data_.get(); }

 private:
  std::unique_ptr<T[]> data_;
  std::size_t capacity_ = 0;
};

}  // namespace lockstep
