#pragma once
// Fills an empty database with the demo community (demo_content.cpp) through the same
// actions members use, so the demo data obeys every rule real data does.
#include "actions/environment.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"

namespace hearth {

// `clock` is the one `env` reads; the seeder moves it forward between posts so the demo's
// conversations spread over the past days instead of all saying "just now".
Status seed_demo_community(const ActionEnvironment& env, FakeClock& clock);

}  // namespace hearth
