#pragma once
// A regional support service (crisis line, helpline, carers' service) listed on the help
// page and, later, beside every group of that region.
#include <cstdint>
#include <string>

namespace hearth {

struct SupportService {
  int64_t id = 0;
  std::string region;
  std::string name;
  std::string description;
  std::string phone;
  std::string text_number;
  std::string website;
  std::string hours;
  bool crisis = false;
};

}  // namespace hearth
