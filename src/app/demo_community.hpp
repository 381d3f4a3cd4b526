#pragma once
// Fills an empty database with the demo community (demo_content.cpp) through the same
// actions members use, so the demo data obeys every rule real data does.
#include "actions/environment.hpp"
#include "core/result.hpp"

namespace hearth {

Status seed_demo_community(const ActionEnvironment& env);

}  // namespace hearth
