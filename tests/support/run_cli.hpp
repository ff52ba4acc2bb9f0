// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "support/temp_dir.hpp"

namespace lockstep::test {

/// Runs the lockstep binary with args (a shell-quoted string); returns its exit code and
/// stores stdout and stderr.
struct CliResult {
  int exit_code = -1;
  std::string out, err;
};

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline CliResult run_cli(const std::string& args, const std::filesystem::path& dir) {
  const auto out = dir / "cli.out", err = dir / "cli.err";
  const std::string cmd = std::string(LOCKSTEP_BINARY) + " " + args + " > " + out.string() +
                          " 2> " + err.string() + " < /dev/null";
  const int status = std::system(cmd.c_str());
  CliResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

/// Exit code and merged stdout + stderr of a shell command.
struct ProcessResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

/// Runs a shell command; returns its exit code and merged output.
inline ProcessResult run_command(const std::string& command) {
  ProcessResult r;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return r;
  std::array<char, 4096> buf{};
  while (std::fgets(buf.data(), static_cast<int>(buf.size()), pipe) != nullptr)
    r.output += buf.data();
  const int status = ::pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace lockstep::test
