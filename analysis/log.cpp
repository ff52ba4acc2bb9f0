// SPDX-License-Identifier: Apache-2.0
#include "analysis/log.hpp"

#include <fmt/core.h>

#include <atomic>
#include <cstdio>
#include <mutex>

namespace lockstep::analysis {
namespace {
std::atomic<LogLevel> g_level{LogLevel::info};
std::mutex g_mutex;
}  // namespace

void set_log_level(LogLevel level) { g_level.store(level); }

void log(LogLevel level, std::string_view stage, std::string_view message) {
  if (level < g_level.load()) return;
  std::lock_guard lock(g_mutex);
  fmt::print(stderr, "[{}] {}\n", stage, message);
}

StageTimer::StageTimer(std::string stage)
    : stage_(std::move(stage)), start_(std::chrono::steady_clock::now()) {}

StageTimer::~StageTimer() { log(LogLevel::info, stage_, fmt::format("{:.2f} s", seconds())); }

double StageTimer::seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

}  // namespace lockstep::analysis
