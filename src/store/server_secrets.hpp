#pragma once
// Secrets every node must share (the keys of CSRF tokens and of client keys), generated on
// first start and kept in the database so that any node can check what another issued.
#include <functional>
#include <string>

#include "store/database.hpp"

namespace hearth::server_secrets {

std::string get_or_create(Connection& c, const std::string& name, const std::function<std::string()>& generate);

}  // namespace hearth::server_secrets
