#pragma once
// Lurking is participation: following threads, marking them read, and the home feed.
#include <optional>
#include <vector>

#include "actions/environment.hpp"
#include "core/result.hpp"
#include "domain/conversation.hpp"
#include "store/thread_reads.hpp"

namespace hearth {

// Follow or stop following a thread (members of its group; policy can_participate).
Status do_follow_thread(const ActionEnvironment& env, AccountId account, ThreadId thread_id, bool follow);

// Everything in the thread so far counts as read (anyone who may read the thread).
Status do_mark_thread_read(const ActionEnvironment& env, AccountId account, ThreadId thread_id);

// The home feed: threads with posts the account hasn't read, in the groups it may read as a
// member, active in the last `days` days, most recent first.
inline constexpr int feed_days = 30;
std::vector<thread_reads::FeedEntry> read_home_feed(const ActionEnvironment& env, AccountId account, int limit,
                                                    int days = feed_days);

}  // namespace hearth
