// SPDX-License-Identifier: Apache-2.0
#include "io/hdf5_support.hpp"

#include <cstdint>
#include <string>

namespace lockstep::io::h5 {
namespace {

// The most specific message on the HDF5 error stack (read before any further call clears it).
std::string hdf5_error_detail() {
  std::string detail;
  H5Ewalk2(
      H5E_DEFAULT, H5E_WALK_UPWARD,
      [](unsigned n, const H5E_error2_t* e, void* data) -> herr_t {
        if (n == 0 && e->desc != nullptr) *static_cast<std::string*>(data) = e->desc;
        return 0;
      },
      &detail);
  return detail.empty() ? "unknown HDF5 error" : detail;
}

}  // namespace

// Thread-safe HDF5 builds keep the printing setting per thread, hence once per thread.
void silence_hdf5() {
  thread_local const bool silenced = [] {
    H5::Exception::dontPrint();
    return true;
  }();
  (void)silenced;
}

void fail(const char* call) { throw H5::Exception(call, hdf5_error_detail()); }

hid_t check(hid_t id, const char* call) {
  if (id < 0) fail(call);
  return id;
}

void check_status(herr_t status, const char* call) {
  if (status < 0) fail(call);
}

Handle bool_enum_type() {
  Handle t(H5Tenum_create(H5T_NATIVE_INT8), H5Tclose, "H5Tenum_create");
  const std::int8_t f = 0;
  const std::int8_t tr = 1;
  check_status(H5Tenum_insert(t.get(), "FALSE", &f), "H5Tenum_insert");
  check_status(H5Tenum_insert(t.get(), "TRUE", &tr), "H5Tenum_insert");
  return t;
}

}  // namespace lockstep::io::h5
