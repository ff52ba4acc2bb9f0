// SPDX-License-Identifier: Apache-2.0
#include "io/readers/reject_sink.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <system_error>
#include <utility>

#include "algorithms/base/error.hpp"

namespace lockstep::io {
namespace {
std::string errno_text(int err) { return std::error_code(err, std::generic_category()).message(); }
}  // namespace

RejectSink::RejectSink(RejectPolicy policy) : policy_(std::move(policy)) {}

RejectSink::~RejectSink() {
  if (file_) {  // the read failed before finish(): leave no half-written file behind
    std::fclose(file_);
    std::remove(tmp_path_.c_str());
  }
}

void RejectSink::reject(std::string_view file, std::uint64_t line, std::string_view reason,
                        std::string_view raw) {
  std::string where = fmt::format("{}:{}: {}", file, line, reason);
  if (policy_.strict) throw InputError(where);
  if (n_rejected_ == 0) first_ = where;
  ++n_rejected_;
  if (policy_.rejects_path.empty()) return;
  if (!file_) {
    tmp_path_ = fmt::format("{}.tmp.{}", policy_.rejects_path, static_cast<long>(::getpid()));
    file_ = std::fopen(tmp_path_.c_str(), "wb");
    if (!file_) throw IoError(tmp_path_ + ": cannot create rejects file: " + errno_text(errno));
    std::setvbuf(file_, nullptr, _IOFBF, 1 << 16);
  }
  bool ok = std::fputs("# ", file_) >= 0;
  ok = ok && std::fwrite(where.data(), 1, where.size(), file_) == where.size();
  ok = ok && std::fputc('\n', file_) != EOF;
  ok = ok && std::fwrite(raw.data(), 1, raw.size(), file_) == raw.size();
  if (ok && (raw.empty() || raw.back() != '\n')) ok = std::fputc('\n', file_) != EOF;
  if (!ok) throw IoError(tmp_path_ + ": cannot write rejects file: " + errno_text(errno));
}

void RejectSink::finish(std::uint64_t n_accepted) {
  if (finished_) return;
  finished_ = true;
  if (file_) {
    const bool ok = std::fflush(file_) == 0 && ::fsync(::fileno(file_)) == 0;
    const int err = errno;
    std::fclose(file_);
    file_ = nullptr;
    if (!ok || std::rename(tmp_path_.c_str(), policy_.rejects_path.c_str()) != 0) {
      const int err2 = ok ? errno : err;
      std::remove(tmp_path_.c_str());
      throw IoError(policy_.rejects_path + ": cannot write rejects file: " + errno_text(err2));
    }
  }
  const std::uint64_t total = n_accepted + n_rejected_;
  if (total == 0 || n_rejected_ == 0) return;
  const double fraction = static_cast<double>(n_rejected_) / static_cast<double>(total);
  if (fraction > policy_.max_reject_fraction) {
    throw InputError(fmt::format(
        "{} of {} records rejected ({:.2f}%), above max_reject_fraction {} ({:.2f}%); first: {}{}",
        n_rejected_, total, 100.0 * fraction, policy_.max_reject_fraction,
        100.0 * policy_.max_reject_fraction, first_,
        policy_.rejects_path.empty() ? std::string()
                                     : "; rejected records are in " + policy_.rejects_path));
  }
}

}  // namespace lockstep::io
