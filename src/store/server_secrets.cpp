#include "store/server_secrets.hpp"

namespace hearth::server_secrets {

std::string get_or_create(Connection& c, const std::string& name, const std::function<std::string()>& generate) {
  auto existing = c.first<std::string>("SELECT value FROM server_secrets WHERE name = ?", {name},
                                       [](const Row& r) { return r.text(0); });
  if (existing) return *existing;
  std::string value = generate();
  c.run("INSERT INTO server_secrets (name, value) VALUES (?, ?)", {name, value});
  return value;
}

}  // namespace hearth::server_secrets
