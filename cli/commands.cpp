// SPDX-License-Identifier: Apache-2.0
#include "cli/commands.hpp"

#include <algorithm>
#include <utility>

#include "cli/exit_codes.hpp"

namespace lockstep::cli {
namespace {
std::vector<std::pair<int, VerbFactory>>& registry() {
  static std::vector<std::pair<int, VerbFactory>> verbs;
  return verbs;
}
}  // namespace

VerbRegistration::VerbRegistration(int order, VerbFactory factory) {
  registry().emplace_back(order, factory);
}

int Commands::run() const {
  for (const auto& c : verbs)
    if (c.app->parsed()) return c.action();
  return kExitUsage;
}

Commands register_commands(CLI::App& app) {
  auto verbs = registry();
  std::sort(verbs.begin(), verbs.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  Commands c;
  for (const auto& [order, factory] : verbs) c.verbs.push_back(factory(app));
  return c;
}

}  // namespace lockstep::cli
