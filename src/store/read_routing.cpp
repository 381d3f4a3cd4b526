#include "store/read_routing.hpp"

namespace hearth {
namespace {
thread_local bool primary_wanted = false;
}  // namespace

PrimaryReadsScope::PrimaryReadsScope(bool wanted) : previous_(primary_wanted) {
  primary_wanted = previous_ || wanted;
}

PrimaryReadsScope::~PrimaryReadsScope() {
  primary_wanted = previous_;
}

bool PrimaryReadsScope::active() {
  return primary_wanted;
}

}  // namespace hearth
