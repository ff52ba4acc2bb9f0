// SPDX-License-Identifier: Apache-2.0
#pragma once
// Internal to io/: the HDF5 plumbing shared by hdf5_writer.cpp and hdf5_reader.cpp (the only
// files that include it). Errors are thrown as H5::Exception and turned into IoError by them.
#include <H5Cpp.h>

namespace lockstep::io::h5 {

/// Turns off HDF5's error printing on this thread (library code never prints).
void silence_hdf5();

/// Throws H5::Exception naming `call` and the most specific message on the HDF5 error stack.
[[noreturn]] void fail(const char* call);
/// id when it is valid, else fail(call).
hid_t check(hid_t id, const char* call);
/// fail(call) when status < 0.
void check_status(herr_t status, const char* call);

/// Owns one HDF5 identifier. Closing errors in the destructor are ignored: it only runs on
/// paths that already failed, or after close() did the checked close.
class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle(hid_t id, Closer closer, const char* call) : id_(check(id, call)), closer_(closer) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& other) noexcept : id_(other.id_), closer_(other.closer_) { other.id_ = -1; }
  Handle& operator=(Handle&&) = delete;
  ~Handle() {
    if (id_ >= 0) closer_(id_);
  }
  hid_t get() const noexcept { return id_; }
  /// Closes now, checking the result.
  void close() {
    const hid_t id = id_;
    id_ = -1;
    check_status(closer_(id), "close");
  }

 private:
  hid_t id_;
  Closer closer_;
};

/// numpy bool as h5py stores it: enum over int8 with FALSE = 0 and TRUE = 1.
Handle bool_enum_type();

}  // namespace lockstep::io::h5
