#include "app/config.hpp"

#include <fmt/format.h>

#include <charconv>
#include <filesystem>
#include <functional>
#include <toml++/toml.h>

namespace hearth {
namespace {

using Setter = std::function<Status(Config&, const std::string&)>;

Status parse_int(const std::string& key, const std::string& text, int64_t min, int64_t max, int64_t& out) {
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    return make_error(ErrorCode::invalid_input,
                      fmt::format("{} must be a whole number from {} to {} (got \"{}\").", key, min, max, text), key);
  }
  out = value;
  return success();
}

template <class T>
Setter integer(T Config::*member, int64_t min, int64_t max, const char* key) {
  return [=](Config& c, const std::string& text) -> Status {
    int64_t value = 0;
    if (auto ok = parse_int(key, text, min, max, value); !ok) return ok;
    c.*member = static_cast<T>(value);
    return success();
  };
}

Setter limit(int64_t Limits::*member, const char* key) {
  return [=](Config& c, const std::string& text) -> Status {
    int64_t value = 0;
    if (auto ok = parse_int(key, text, 1, 1'000'000'000, value); !ok) return ok;
    c.limits.*member = value;
    return success();
  };
}

Setter text(std::string Config::*member) {
  return [=](Config& c, const std::string& value) -> Status {
    c.*member = value;
    return success();
  };
}

struct Entry {
  Setting setting;
  Setter set;
};

const std::vector<Entry>& entries() {
  static const std::vector<Entry> table = {
      {{"listen", "address to serve on, HOST:PORT (port 0 picks a free port) [127.0.0.1:8080]"}, text(&Config::listen)},
      {{"data", "directory for the SQLite database and other files [./hearth-data]"}, text(&Config::data_dir)},
      {{"database",
        "sqlite:PATH or a file path (SQLite), or postgresql://USER@HOST/NAME (docs/postgres.md)"
        " [sqlite:<data>/hearth.db]"},
       text(&Config::database)},
      {{"database_replica",
        "postgresql://… of a streaming replica of the PostgreSQL database, for reads (docs/postgres.md) [none]"},
       text(&Config::database_replica)},
      {{"log_level", "trace, debug, info, warn, error or off [info]"},
       [](Config& c, const std::string& v) -> Status {
         if (v != "trace" && v != "debug" && v != "info" && v != "warn" && v != "error" && v != "off") {
           return make_error(ErrorCode::invalid_input, "log_level must be trace, debug, info, warn, error or off.");
         }
         c.log_level = v;
         return success();
       }},
      {{"threads", "network threads, 0 = one per core [0]"}, integer(&Config::threads, 0, 256, "threads")},
      {{"workers", "threads for database work [4]"}, integer(&Config::workers, 1, 256, "workers")},
      {{"body_limit_bytes", "largest request body accepted [1048576]"},
       integer(&Config::body_limit_bytes, 1024, int64_t{64} << 20, "body_limit_bytes")},
      {{"session_lifetime_seconds", "how long a login lasts without use [2592000 = 30 days]"},
       integer(&Config::session_lifetime_seconds, 1, int64_t{400} * 86400, "session_lifetime_seconds")},
      {{"trust_proxy", "trust X-Forwarded-For/-Proto from a reverse proxy: true or false [false]"},
       [](Config& c, const std::string& v) -> Status {
         if (v != "true" && v != "false") return make_error(ErrorCode::invalid_input, "trust_proxy must be true or false.");
         c.trust_proxy = v == "true";
         return success();
       }},
      {{"password_hash", "Argon2id cost: interactive or moderate [interactive]"},
       [](Config& c, const std::string& v) -> Status {
         if (v != "interactive" && v != "moderate") {
           return make_error(ErrorCode::invalid_input, "password_hash must be interactive or moderate.");
         }
         c.password_hash = v;
         return success();
       }},
      {{"limits.signups_per_client_per_hour", "sign-ups per client per hour [10]"},
       limit(&Limits::signups_per_client_per_hour, "limits.signups_per_client_per_hour")},
      {{"limits.login_attempts_per_client_per_15_minutes", "log-in attempts per client per 15 minutes [60]"},
       limit(&Limits::login_attempts_per_client_per_15_minutes, "limits.login_attempts_per_client_per_15_minutes")},
      {{"limits.login_failures_per_account_per_15_minutes", "failed log-ins per account per 15 minutes [10]"},
       limit(&Limits::login_failures_per_account_per_15_minutes, "limits.login_failures_per_account_per_15_minutes")},
      {{"limits.recovery_attempts_per_account_per_hour", "recovery-code attempts per account per hour [10]"},
       limit(&Limits::recovery_attempts_per_account_per_hour, "limits.recovery_attempts_per_account_per_hour")},
  };
  return table;
}

std::string toml_value_text(const toml::node& node) {
  if (auto s = node.value<std::string>()) return *s;
  // Booleans first: toml++ converts a boolean to an integer too (true would read as "1").
  if (node.is_boolean()) return *node.value<bool>() ? "true" : "false";
  if (auto i = node.value<int64_t>()) return std::to_string(*i);
  return "<unsupported>";
}

Status apply(Config& config, const std::string& key, const std::string& value, const std::string& source) {
  for (const auto& entry : entries()) {
    if (entry.setting.key == key) {
      Status ok = entry.set(config, value);
      if (!ok) return make_error(ErrorCode::invalid_input, source + ": " + ok.error().message, key);
      return success();
    }
  }
  return make_error(ErrorCode::invalid_input, source + ": unknown setting \"" + key + "\" (see hearth --help).", key);
}

Status apply_file(Config& config, const std::string& path) {
  toml::table table;
  try {
    table = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return make_error(ErrorCode::invalid_input, fmt::format("{}: {}", path, e.description()));
  }
  Status result = success();
  table.for_each([&](const toml::key& key, const toml::node& node) {
    if (!result) return;
    if (const auto* section = node.as_table()) {
      section->for_each([&](const toml::key& inner, const toml::node& value) {
        if (result) result = apply(config, std::string(key.str()) + "." + std::string(inner.str()), toml_value_text(value), path);
      });
    } else {
      result = apply(config, std::string(key.str()), toml_value_text(node), path);
    }
  });
  return result;
}

}  // namespace

const std::vector<Setting>& all_settings() {
  static const std::vector<Setting> settings = [] {
    std::vector<Setting> list;
    for (const auto& entry : entries()) list.push_back(entry.setting);
    return list;
  }();
  return settings;
}

std::string flag_for(const std::string& key) {
  std::string flag = "--" + key;
  for (char& c : flag) {
    if (c == '_' || c == '.') c = '-';
  }
  return flag;
}

std::string env_for(const std::string& key) {
  std::string name = "HEARTH_" + key;
  for (char& c : name) {
    if (c == '.') c = '_';
    else if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return name;
}

Result<Config> load_config(const std::map<std::string, std::string>& flags,
                           const std::map<std::string, std::string>& environment) {
  Config config;
  std::string file;
  if (auto f = flags.find("--config"); f != flags.end()) file = f->second;
  else if (auto e = environment.find("HEARTH_CONFIG"); e != environment.end()) file = e->second;
  else if (std::filesystem::exists("hearth.toml")) file = "hearth.toml";
  if (!file.empty()) {
    if (!std::filesystem::exists(file)) {
      return make_error(ErrorCode::invalid_input, "The configuration file " + file + " does not exist.");
    }
    if (auto ok = apply_file(config, file); !ok) return ok.error();
  }
  for (const auto& setting : all_settings()) {
    if (auto e = environment.find(env_for(setting.key)); e != environment.end()) {
      if (auto ok = apply(config, setting.key, e->second, env_for(setting.key)); !ok) return ok.error();
    }
  }
  for (const auto& [flag, value] : flags) {
    if (flag == "--config") continue;
    bool known = false;
    for (const auto& setting : all_settings()) {
      if (flag_for(setting.key) == flag) {
        known = true;
        if (auto ok = apply(config, setting.key, value, flag); !ok) return ok.error();
      }
    }
    if (!known) return make_error(ErrorCode::invalid_input, "Unknown option " + flag + " (see hearth --help).");
  }
  if (config.host().empty()) {
    return make_error(ErrorCode::invalid_input, "listen must look like HOST:PORT, e.g. 127.0.0.1:8080.", "listen");
  }
  return config;
}

std::string Config::database_location() const {
  if (!database.empty()) return database;
  return "sqlite:" + (std::filesystem::path(data_dir) / "hearth.db").string();
}

std::string Config::host() const {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) return {};
  int64_t port_value = 0;
  if (!parse_int("listen", listen.substr(colon + 1), 0, 65535, port_value)) return {};
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  return host;
}

uint16_t Config::port() const {
  int64_t value = 0;
  (void)parse_int("listen", listen.substr(listen.rfind(':') + 1), 0, 65535, value);
  return static_cast<uint16_t>(value);
}

}  // namespace hearth
