#pragma once
// The regional support-services directory (migrations/0002_support_services.sql).
#include <string>
#include <vector>

#include "domain/support_service.hpp"
#include "store/database.hpp"

namespace hearth::support_services {

std::vector<SupportService> for_region(Connection& c, const std::string& region);
std::vector<std::string> regions(Connection& c);

}  // namespace hearth::support_services
