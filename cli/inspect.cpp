// SPDX-License-Identifier: Apache-2.0
// `lockstep inspect`: a terminal summary of results.h5, or of one cluster.
#include "notebooks_export/inspect.hpp"

#include <fmt/core.h>

#include <memory>
#include <optional>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "io/hdf5_reader.hpp"

namespace lockstep::cli {
namespace {

struct InspectArgs {
  std::string input;
  std::optional<std::int32_t> cluster;
};

Command make_inspect(CLI::App& app) {
  auto a = std::make_shared<InspectArgs>();
  auto* cmd = app.add_subcommand("inspect", "Summarise results.h5: run, counts, flagged clusters");
  cmd->add_option("results", a->input, "results.h5 written by lockstep run")->required();
  cmd->add_option("--cluster", a->cluster, "Show this cluster: members, evidence, edges");
  return {cmd, [a] {
            fmt::print("{}",
                       notebooks_export::inspect_text(io::read_results_h5(a->input), a->cluster));
            return kExitOk;
          }};
}

const VerbRegistration kRegistration(50, &make_inspect);

}  // namespace
}  // namespace lockstep::cli
