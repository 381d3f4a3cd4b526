#include "app/demo_community.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "actions/groups.hpp"
#include "actions/membership.hpp"
#include "actions/messages.hpp"
#include "actions/reactions.hpp"
#include "actions/sessions.hpp"
#include "actions/threads.hpp"
#include "app/demo_content.hpp"
#include "core/random.hpp"
#include "store/memberships.hpp"

namespace hearth {
namespace {

std::vector<std::string> strings(const std::vector<std::string_view>& views) {
  return {views.begin(), views.end()};
}

Status check(const Status& status, std::string_view what) {
  if (!status) return make_error(status.error().code, fmt::format("{}: {}", what, status.error().message));
  return success();
}

// Adds `member` to the group: public groups directly; private and hidden ones through an
// invite from the owner, as a real admin would.
Status add_member(const ActionEnvironment& env, AccountId owner, AccountId member, const Group& group) {
  JoinRequest request{{}, true, {}};
  if (group.privacy == Privacy::public_group) {
    auto joined = do_join_group(env, member, group.id, request);
    return joined ? success() : Status(joined.error());
  }
  auto invite = do_create_invite(env, owner, group.id, 1, 1);
  if (!invite) return invite.error();
  auto joined = do_join_with_invite(env, member, invite->token, request);
  return joined ? success() : Status(joined.error());
}

PersonaId persona_in(const ActionEnvironment& env, GroupId group, AccountId account) {
  return env.store.read([&](Connection& c) { return memberships::find(c, group, account)->persona_id; });
}

Status seed_demo_threads(const ActionEnvironment& env, FakeClock& clock, const Group& group,
                         const demo::Group& content, const std::vector<AccountId>& members) {
  constexpr int64_t minute = 60'000;
  for (const demo::Thread& t : content.threads) {
    clock.advance(7 * 60 * minute);
    const PostDraft opening{std::string(t.title), std::string(t.body), std::string(t.content_warning),
                            t.anonymous && group.anonymous_posting};
    auto thread = do_start_thread(env, members[t.author], group.id, opening, random_token(16));
    if (!thread) return check(thread.error(), "demo thread");
    std::vector<PostId> replies;
    for (const demo::Reply& r : t.replies) {
      const std::optional<PostId> parent =
          r.answers >= 0 ? std::optional<PostId>(replies.at(r.answers)) : std::nullopt;
      const PostDraft draft{"", std::string(r.body), "", r.anonymous && group.anonymous_posting};
      clock.advance((35 + 50 * static_cast<int64_t>(replies.size() % 3)) * minute);
      auto reply = do_reply(env, members[r.author], thread->thread_id, parent, draft, random_token(16));
      if (!reply) return check(reply.error(), "demo reply");
      replies.push_back(*reply);
    }
    for (const int helper : t.helped_by) {
      if (auto ok = do_react(env, members[helper], thread->post_id, ReactionKind::helped, true); !ok) {
        return check(ok, "demo reaction");
      }
    }
  }
  return success();
}

// A short private conversation in the first group where "demo" (member 0) has company, so
// that `make run` shows /messages with one unread message (docs/messages.md).
Status seed_demo_messages(const ActionEnvironment& env, FakeClock& clock, const Group& group, AccountId demo,
                          AccountId other) {
  constexpr int64_t minute = 60'000;
  const PersonaId demo_persona = persona_in(env, group.id, demo);
  const PersonaId other_persona = persona_in(env, group.id, other);
  const std::string_view lines[] = {
      "Hi, I read your reply in the thread tonight and it stayed with me. How are you doing this week?",
      "Thank you for asking. Honestly, up and down, but better for having somewhere to talk.",
      "That makes sense. I'm around most evenings if you ever want to talk it through, no pressure at all."};
  for (int i = 0; i < 3; ++i) {
    clock.advance(40 * minute);
    const bool from_other = i % 2 == 0;
    auto sent = do_message_persona(env, from_other ? other : demo, group.id, from_other ? demo_persona : other_persona,
                                   std::string(lines[i]), random_token(16));
    if (!sent) return check(sent.error(), "demo message");
  }
  return success();
}

}  // namespace

Status seed_demo_community(const ActionEnvironment& env, FakeClock& clock) {
  std::vector<AccountId> members;
  for (int i = 0; i < demo::member_count; ++i) {
    const std::string login = i == 0 ? "demo" : fmt::format("demo-member-{}", i);
    // Only "demo" is meant for logging in; the others get passwords nobody knows.
    const std::string password = i == 0 ? "hearth-demo" : random_token(24);
    auto account = do_sign_up(env, {login, password, "", "seed"});
    if (!account) return check(account.error(), "demo member " + login);
    members.push_back(account->account_id);
  }
  bool seeded_messages = false;
  for (const demo::Group& content : demo::groups()) {
    GroupDraft draft{std::string(content.name), std::string(content.description), std::string(content.about),
                     std::string(content.privacy), std::string(content.region), {"en"},
                     strings(content.topics), strings(content.rules), strings(content.questions),
                     content.anonymous_posting, false};
    const AccountId owner = members[content.owner];
    auto group = do_create_group(env, owner, draft, {});
    if (!group) return check(group.error(), std::string(content.name));
    for (const int index : content.members) {
      if (auto ok = add_member(env, owner, members[index], *group); !ok) return check(ok, "joining " + group->name);
    }
    for (const int index : content.moderators) {
      if (auto ok = add_member(env, owner, members[index], *group); !ok) return check(ok, "joining " + group->name);
      const PersonaId persona = persona_in(env, group->id, members[index]);
      if (auto ok = do_set_role(env, owner, group->id, persona, Role::moderator); !ok) return check(ok, "moderator");
    }
    if (auto ok = seed_demo_threads(env, clock, *group, content, members); !ok) return ok;
    if (!seeded_messages && !content.members.empty() &&
        (content.owner == 0 || std::find(content.members.begin(), content.members.end(), 0) != content.members.end())) {
      const int other = content.members.front() != 0 ? content.members.front() : content.owner;
      if (other != 0) {
        if (auto ok = seed_demo_messages(env, clock, *group, members[0], members[other]); !ok) return ok;
        seeded_messages = true;
      }
    }
  }
  return success();
}

}  // namespace hearth
