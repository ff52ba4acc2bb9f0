// SPDX-License-Identifier: Apache-2.0
// The one CLI: each verb (cli/*.cpp) parses its arguments into a config and calls the library;
// main() maps every error to one stderr line and a sysexits code.
#include <malloc.h>
#include <tbb/global_control.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <memory>
#include <new>

#include "algorithms/base/error.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"

int main(int argc, char** argv) {
  using namespace lockstep;
  // Freed memory stays in the process for the next allocation. By default glibc hands every
  // block over 128 KiB-32 MiB back to the kernel on free, so each stage faults fresh pages in
  // again, 4 KiB at a time: on a 10^7-edge graph Leiden's aggregation took 74k page faults
  // (~0.15 s of CPU) for arc buffers in memory the loader had just freed. The process's
  // resident size no longer shrinks during a run; its peak is what matters for a batch job.
  mallopt(M_MMAP_MAX, 0);
  mallopt(M_TRIM_THRESHOLD, -1);
  CLI::App app{"lockstep: find accounts that act in lockstep in social-media activity dumps"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string(cli::kVersion));
  int threads = 0;
  app.add_option("--threads", threads, "Worker threads (0 = all cores)")->check(CLI::NonNegativeNumber);
  cli::Commands commands = cli::register_commands(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : cli::kExitUsage;
  }
  std::unique_ptr<tbb::global_control> limit;
  if (threads > 0)
    limit = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism,
                                                  static_cast<std::size_t>(threads));
  try {
    return commands.run();
  } catch (const MissingInputError& e) {
    std::fprintf(stderr, "lockstep: %s\n", e.what());
    return cli::kExitNoInput;
  } catch (const InputError& e) {
    std::fprintf(stderr, "lockstep: %s\n", e.what());
    return cli::kExitData;
  } catch (const ConfigError& e) {
    std::fprintf(stderr, "lockstep: config: %s\n", e.what());
    return cli::kExitConfig;
  } catch (const IoError& e) {
    std::fprintf(stderr, "lockstep: %s\n", e.what());
    return cli::kExitCantCreate;
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "lockstep: out of memory\n");
    return cli::kExitInternal;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "lockstep: internal error: %s\n", e.what());
    return cli::kExitInternal;
  }
}
