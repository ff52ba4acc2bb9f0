// SPDX-License-Identifier: Apache-2.0
// The one CLI: parse arguments into configs, call the library, map errors to exit codes.
#include <CLI/CLI.hpp>

int main(int argc, char** argv) {
  CLI::App app{"lockstep: find accounts that act in lockstep in social-media activity dumps"};
  app.require_subcommand(1);
  CLI11_PARSE(app, argc, argv);
  return 0;
}
