#pragma once
// The hearth subcommands. Each returns the process exit code.
#include <map>
#include <string>
#include <vector>

#include "app/config.hpp"

namespace hearth {

int run_serve(const Config& config);
int run_migrate(const Config& config);
int run_seed(const Config& config, const std::vector<std::string>& arguments,
             const std::map<std::string, std::string>& options);
std::string usage_text();

}  // namespace hearth
