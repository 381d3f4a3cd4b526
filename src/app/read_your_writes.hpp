#pragma once
// Read-your-writes with a read replica (database_replica), whichever node serves a member.
//
// A request that writes (any method but GET and HEAD) reads from the primary, and its
// response carries a short-lived cookie; for as long as the cookie lives, that client's
// requests read from the primary too, on every node. Why a cookie saying only "wrote
// recently", not the primary's WAL position after the write: the position is a platform-wide
// counter of write activity, which must not be handed to members (two writes apart would
// tell how busy every group, hidden ones included, was in between); and it is not needed,
// because each node already keeps reads on the primary until the replica has replayed every
// write the node has heard of (store/postgres/primary_position.hpp). The cookie only has to
// bridge the moment between a write committing on one node and the other nodes hearing of
// it (milliseconds), so a few seconds are plenty, however far the replica lags.
#include <vector>

#include "core/http_message.hpp"

namespace hearth {

inline constexpr const char* recent_write_cookie = "hearth_wrote";
inline constexpr int recent_write_seconds = 5;

// Wraps the handlers of `routes` (those that may read the database) accordingly.
void add_read_your_writes(std::vector<Route>& routes);

}  // namespace hearth
