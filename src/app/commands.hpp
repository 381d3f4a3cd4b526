#pragma once
// The hearth subcommands. Each returns the process exit code.
#include <map>
#include <string>
#include <vector>

#include "actions/environment.hpp"
#include "app/config.hpp"
#include "core/http_message.hpp"

namespace hearth {

int run_serve(const Config& config);
int run_migrate(const Config& config);
int run_seed(const Config& config, const std::vector<std::string>& arguments,
             const std::map<std::string, std::string>& options);
int run_routes(const Config& config);
int run_admin(const Config& config, const std::vector<std::string>& arguments);
// Times the safety filters on a throwaway store (bench/filters.sh); options --words, --runs.
int run_bench_filters(const std::map<std::string, std::string>& options);
// Copies a community between databases and checks the copy (--from, --to; --verify only checks).
int run_migrate_data(const std::map<std::string, std::string>& options, bool verify_only);
std::string usage_text();

// Every route of the web pages and the API (app/serve_command.cpp).
std::vector<Route> all_routes(const ActionEnvironment& env);

}  // namespace hearth
