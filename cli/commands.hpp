// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <CLI/CLI.hpp>
#include <functional>
#include <string_view>
#include <vector>

namespace lockstep::cli {

inline constexpr std::string_view kVersion = "0.1.0";

/// A verb: its CLI11 subcommand and the action to run when it was chosen. The action returns
/// the exit code; it may throw lockstep errors, which main() maps to exit codes.
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> action;
};

/// Every registered verb; run() runs the one that was parsed.
struct Commands {
  std::vector<Command> verbs;
  int run() const;
};

/// Adds a verb to the CLI. Each cli/<verb>.cpp defines one static VerbRegistration; `order`
/// sets the position in --help. The factory registers options whose storage the action
/// captures (in a shared_ptr, so it outlives registration).
using VerbFactory = Command (*)(CLI::App& app);
struct VerbRegistration {
  VerbRegistration(int order, VerbFactory factory);
};

/// Creates every registered verb on app, in order.
Commands register_commands(CLI::App& app);

}  // namespace lockstep::cli
