#include "actions/blocking.hpp"

#include "actions/group_lookup.hpp"
#include "actions/transaction.hpp"
#include "store/memberships.hpp"
#include "store/personas.hpp"

namespace hearth {
namespace {

// A block hides (and unblocking brings back) the private conversations between the two, so
// both accounts' live message counts look again (their own streams only; no other topic).
void tell_both_sides(const ActionEnvironment& env, AccountId account, AccountId other) {
  env.changes->account_changed(account);
  if (other != 0) env.changes->account_changed(other);
}

Error persona_not_found() {
  return make_error(ErrorCode::not_found,
                    "We couldn't find that member here. They may have left the group, or the link may be mistyped.");
}

// The persona as the viewer may reach it in the group, or why not.
Result<Persona> reachable_persona(Connection& c, AccountId account, GroupId group_id, PersonaId persona_id) {
  auto group = find_group_in(c, group_id, account);
  if (!group || !can_read_content(group->group.privacy, group->viewer)) return group_not_found();
  if (!personas::is_active_in(c, persona_id, group_id)) return persona_not_found();
  auto persona = personas::find(c, persona_id);
  if (!persona) return persona_not_found();
  if (!can_block(persona->account_id == account)) {
    return make_error(ErrorCode::conflict, "That's you. You can't block your own name.");
  }
  return std::move(*persona);
}

}  // namespace

Result<BlockTarget> read_block_target(const ActionEnvironment& env, AccountId account, GroupId group_id,
                                      PersonaId persona_id) {
  return env.store.read([&](Connection& c) -> Result<BlockTarget> {
    auto persona = reachable_persona(c, account, group_id, persona_id);
    if (!persona) return persona.error();
    return BlockTarget{persona->id, persona->name, persona_blocks::has_blocked(c, account, persona_id)};
  });
}

Status do_block_persona(const ActionEnvironment& env, AccountId account, GroupId group_id, PersonaId persona_id) {
  AccountId other = 0;
  Status status = write_or_error<Done>(env, [&](Connection& c) -> Status {
    auto persona = reachable_persona(c, account, group_id, persona_id);
    if (!persona) return persona.error();
    // The other side stops seeing the name the viewer uses here, and only that name: any other
    // would tell them which of the viewer's personas belong together.
    const auto mine = memberships::find(c, group_id, account);
    const PersonaId my_persona = mine && mine->status == MembershipStatus::active ? mine->persona_id : 0;
    persona_blocks::add(c, {.blocker_account_id = account,
                            .blocked_persona_id = persona->id,
                            .blocked_account_id = persona->account_id,
                            .blocker_persona_id = my_persona,
                            .group_id = group_id,
                            .created_at = env.clock.now()});
    other = persona->account_id;
    return success();
  });
  if (status) tell_both_sides(env, account, other);
  return status;
}

Status do_unblock_persona(const ActionEnvironment& env, AccountId account, PersonaId persona_id) {
  const AccountId other = env.store.write([&](Connection& c) {
    const auto persona = personas::find(c, persona_id);
    persona_blocks::remove(c, account, persona_id);
    return persona ? persona->account_id : AccountId{0};
  });
  tell_both_sides(env, account, other);
  return success();
}

std::vector<persona_blocks::Entry> read_blocks(const ActionEnvironment& env, AccountId account) {
  return env.store.read([&](Connection& c) { return persona_blocks::list(c, account); });
}

BlockSet read_block_set(const ActionEnvironment& env, AccountId account) {
  return env.store.read([&](Connection& c) { return persona_blocks::block_set(c, account); });
}

int64_t drop_blocked_members(std::vector<memberships::MemberEntry>& members, const BlockSet& blocks) {
  if (blocks.empty()) return 0;
  const auto before = members.size();
  std::erase_if(members, [&](const memberships::MemberEntry& m) { return hides_member(blocks, m.persona_id); });
  return static_cast<int64_t>(before - members.size());
}

std::string blocked_reply_message(BlockEffect effect) {
  if (effect == BlockEffect::you_blocked) {
    return "You've blocked this member, so you can't reply to their posts. You can unblock them in your settings, "
           "under “People you've blocked”.";
  }
  return "You can't reply to this member's posts.";
}

Status check_reply_not_blocked(Connection& c, AccountId account, const posts::Post& parent) {
  if (parent.anonymous || parent.deleted_at) return success();  // never reveals who wrote an anonymous post
  if (persona_blocks::has_blocked(c, account, parent.author_persona_id)) {
    return make_error(ErrorCode::forbidden, blocked_reply_message(BlockEffect::you_blocked));
  }
  if (persona_blocks::between(c, account, parent.author_persona_id)) {
    return make_error(ErrorCode::forbidden, blocked_reply_message(BlockEffect::blocked_you));
  }
  return success();
}

Status check_reaction_not_blocked(Connection& c, AccountId account, const posts::Post& post) {
  if (post.anonymous || !persona_blocks::between(c, account, post.author_persona_id)) return success();
  return make_error(ErrorCode::forbidden, "You can't react to this member's posts.");
}

}  // namespace hearth
