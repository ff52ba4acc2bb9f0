// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <cstdlib>
#include <memory>
#include <new>
#include <type_traits>

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace lockstep {

/// An uninitialised array of trivially copyable T for large scratch data that is reused (the
/// arcs of Leiden's aggregated graphs, per-vertex work arrays). From 2 MiB on it is 2 MiB
/// aligned and the kernel is asked to back it with transparent huge pages: first writes take
/// 512 times fewer page faults and random reads miss the TLB far less. Smaller ones are plain
/// heap memory.
template <class T>
class HugeBuffer {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  HugeBuffer() = default;

  /// Makes room for at least `size` elements. Contents are lost when it grows.
  void reserve(std::size_t size) {
    if (size <= capacity_) return;
    constexpr std::size_t kHuge = std::size_t{2} << 20;
    std::size_t bytes = size * sizeof(T);
    void* p = nullptr;
    if (bytes >= kHuge) {
      bytes = (bytes + kHuge - 1) / kHuge * kHuge;
      p = std::aligned_alloc(kHuge, bytes);
#ifdef __linux__
      if (p != nullptr) ::madvise(p, bytes, MADV_HUGEPAGE);  // advice only: failure is harmless
#endif
    } else {
      p = std::malloc(bytes);
    }
    if (p == nullptr) throw std::bad_alloc();
    data_.reset(static_cast<T*>(p));
    capacity_ = bytes / sizeof(T);
  }

  T* data() noexcept { return data_.get(); }
  const T* data() const noexcept { return data_.get(); }
  std::size_t capacity() const noexcept { return capacity_; }
  T& operator[](std::size_t i) noexcept { return data_.get()[i]; }
  const T& operator[](std::size_t i) const noexcept { return data_.get()[i]; }

 private:
  struct Free {
    void operator()(T* p) const noexcept { std::free(p); }
  };
  std::unique_ptr<T, Free> data_;
  std::size_t capacity_ = 0;
};

}  // namespace lockstep
