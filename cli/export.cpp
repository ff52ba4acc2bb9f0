// SPDX-License-Identifier: Apache-2.0
// `lockstep export`: results.h5 -> GEXF, GraphML, Gephi CSV, Jira CSV, SQLite, CSV, notebook, HTML.
#include "notebooks_export/export.hpp"

#include <fmt/core.h>

#include <memory>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "io/hdf5_reader.hpp"
#include "notebooks_export/pseudonymize.hpp"

namespace lockstep::cli {
namespace {

struct ExportArgs {
  std::string input, format, out, key_file;
  notebooks_export::ExportOptions opts;
};

Command make_export(CLI::App& app) {
  auto a = std::make_shared<ExportArgs>();
  auto* cmd =
      app.add_subcommand("export", "Export results.h5 for Gephi, Jira, SQL, notebooks, a browser");
  cmd->add_option("results", a->input, "results.h5 written by lockstep run")->required();
  cmd->add_option("--to", a->format, "Output format")
      ->required()
      ->check(CLI::IsMember(notebooks_export::export_format_names()));
  cmd->add_option("-o,--out", a->out, "Output file (directory for gephi-csv and csv)")->required();
  cmd->add_flag("--flagged-only", a->opts.flagged_only,
                "Only flagged clusters, their members and edges");
  cmd->add_option("--cluster", a->opts.clusters, "Only these cluster ids (repeatable)");
  cmd->add_option("--pseudonymize-key", a->key_file,
                  "File holding an HMAC key: account ids and handles become anon_<hash>");
  return {cmd, [a] {
            auto opts = a->opts;
            opts.source_path = a->input;
            if (!a->key_file.empty())
              opts.pseudonymize_key = notebooks_export::read_pseudonymize_key(a->key_file);
            const auto file = io::read_results_h5(a->input);
            const auto s = notebooks_export::export_results(
                file, notebooks_export::parse_export_format(a->format), a->out, opts);
            fmt::print("exported {} clusters, {} accounts, {} edges as {}{}\n", s.n_clusters,
                       s.n_accounts, s.n_edges, a->format,
                       opts.pseudonymize_key.empty() ? "" : " (pseudonymized)");
            for (const auto& f : s.files) fmt::print("wrote {}\n", f);
            return kExitOk;
          }};
}

const VerbRegistration kRegistration(40, &make_export);

}  // namespace
}  // namespace lockstep::cli
