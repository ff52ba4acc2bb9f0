// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <chrono>
#include <string>
#include <string_view>

namespace lockstep::analysis {

/// Log levels; messages at or above the threshold go to stderr.
enum class LogLevel { debug = 0, info = 1, warn = 2, error = 3, quiet = 4 };

/// Sets the stderr threshold (default info). Set once by main().
void set_log_level(LogLevel level);

/// One line on stderr: "[stage] message". The only place library code writes to a stream.
void log(LogLevel level, std::string_view stage, std::string_view message);

/// Times a stage; on destruction logs "[stage] 1.82 s" at info level.
class StageTimer {
 public:
  explicit StageTimer(std::string stage);
  ~StageTimer();
  StageTimer(const StageTimer&) = delete;
  StageTimer& operator=(const StageTimer&) = delete;
  double seconds() const;

 private:
  std::string stage_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace lockstep::analysis
