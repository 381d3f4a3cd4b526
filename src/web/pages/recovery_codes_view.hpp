#pragma once
// The list of freshly made recovery codes, shown once after sign-up or regeneration.
#include <string>
#include <vector>

#include "core/html.hpp"

namespace hearth {

void recovery_codes_view(Html& h, const std::vector<std::string>& codes);

}  // namespace hearth
