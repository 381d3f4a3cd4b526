// hearth: parses the command line and runs a subcommand.
#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "app/commands.hpp"
#include "app/config.hpp"

extern char** environ;

namespace {

std::map<std::string, std::string> process_environment() {
  std::map<std::string, std::string> environment;
  for (char** entry = environ; entry && *entry; ++entry) {
    const std::string text(*entry);
    if (const auto eq = text.find('='); eq != std::string::npos) environment[text.substr(0, eq)] = text.substr(eq + 1);
  }
  return environment;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> words;
  std::map<std::string, std::string> flags;
  std::map<std::string, std::string> command_flags;  // options of one subcommand, e.g. seed's --posts
  std::vector<std::string> switches;  // flags without a value, e.g. --if-empty
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h" || arg == "help") {
      std::fputs(hearth::usage_text().c_str(), stdout);
      return 0;
    }
    if (arg.rfind("--", 0) == 0) {
      if (const auto eq = arg.find('='); eq != std::string::npos) {
        flags[arg.substr(0, eq)] = arg.substr(eq + 1);
      } else if (arg == "--if-empty" || arg == "--verify") {
        switches.push_back(arg);
      } else if (arg == "--posts" || arg == "--seed" || arg == "--words" || arg == "--runs" ||
                 arg == "--from" || arg == "--to") {
        if (i + 1 >= argc) {
          std::fprintf(stderr, "hearth: %s needs a value (see hearth --help)\n", arg.c_str());
          return 2;
        }
        command_flags[arg] = argv[++i];
      } else if (i + 1 < argc) {
        flags[arg] = argv[++i];
      } else {
        std::fprintf(stderr, "hearth: %s needs a value (see hearth --help)\n", arg.c_str());
        return 2;
      }
    } else {
      words.push_back(arg);
    }
  }
  auto config = hearth::load_config(flags, process_environment());
  if (!config) {
    std::fprintf(stderr, "hearth: %s\n", config.error().message.c_str());
    return 2;
  }
  const std::string command = words.empty() ? "serve" : words[0];
  if (command == "serve") return hearth::run_serve(*config);
  if (command == "migrate") return hearth::run_migrate(*config);
  if (command == "routes") return hearth::run_routes(*config);
  if (command == "migrate-data") {
    const bool verify_only = std::find(switches.begin(), switches.end(), "--verify") != switches.end();
    return hearth::run_migrate_data(command_flags, verify_only);
  }
  if (command == "bench-filters") return hearth::run_bench_filters(command_flags);
  if (command == "admin") return hearth::run_admin(*config, std::vector<std::string>(words.begin() + 1, words.end()));
  if (command == "seed") {
    std::vector<std::string> arguments(words.begin() + 1, words.end());
    arguments.insert(arguments.end(), switches.begin(), switches.end());
    return hearth::run_seed(*config, arguments, command_flags);
  }
  std::fprintf(stderr, "hearth: unknown command \"%s\" (see hearth --help)\n", command.c_str());
  return 2;
}
