// hearth admin grant <login> | hearth admin revoke <login>: who the platform admins are.
// Run by the operator on the server; there is deliberately no web page that makes one.
#include <cstdio>

#include "actions/platform_admin.hpp"
#include "app/commands.hpp"
#include "app/wiring.hpp"

namespace hearth {

int run_admin(const Config& config, const std::vector<std::string>& arguments) {
  if (arguments.size() != 2 || (arguments[0] != "grant" && arguments[0] != "revoke")) {
    std::fputs(
        "Usage: hearth admin grant <login>   make the account a platform admin\n"
        "       hearth admin revoke <login>  withdraw it\n",
        stderr);
    return 2;
  }
  auto store = open_store(config);
  if (!store) {
    std::fprintf(stderr, "hearth: %s\n", store.error().message.c_str());
    return 1;
  }
  const SystemClock clock;
  const ActionEnvironment env = make_environment(config, **store, clock);
  const bool grant = arguments[0] == "grant";
  const Status done = do_set_platform_admin(env, arguments[1], grant);
  if (done) tell_running_nodes(**store);
  (*store)->close();
  if (!done) {
    std::fprintf(stderr, "hearth: %s\n", done.error().message.c_str());
    return 1;
  }
  std::printf("%s is %s a platform admin.\n", arguments[1].c_str(), grant ? "now" : "no longer");
  return 0;
}

}  // namespace hearth
