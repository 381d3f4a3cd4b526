#pragma once
// What the moderation queue and the moderation pages show about a post or a member.
//
// ANONYMITY: a PostCard's author is joined only for a post that is neither anonymous nor
// removed (as in store/posts.cpp): an anonymous post carries its label and nothing else.
// There is no account id anywhere in these read models.
#include <optional>
#include <string>
#include <vector>

#include "domain/conversation.hpp"
#include "domain/membership.hpp"
#include "store/database.hpp"
#include "store/threads.hpp"

namespace hearth::moderation_queue {

struct PostCard {
  PostId id = 0;
  ThreadId thread_id = 0;
  std::string thread_title;
  bool opening = false;  // the thread's opening post
  bool thread_locked = false;
  AuthorDisplay author;   // empty for a removed post; label only for an anonymous one
  std::string body_html;  // empty when removed
  std::string content_warning;
  UnixMillis created_at = 0;
  bool removed = false;
  bool removed_by_moderator = false;
  bool held = false;
  std::string held_reason;
};
// The group's post, as moderators see it; nothing for a post of another group.
std::optional<PostCard> post_card(Connection& c, GroupId group_id, PostId id);
// Posts waiting for a moderator (not removed), oldest first.
std::vector<PostCard> held_posts(Connection& c, GroupId group_id, int limit);

// A persona that belongs (or belonged: banned) to the group.
struct PersonaCard {
  PersonaId id = 0;
  std::string name;
  Role role = Role::member;
};
std::optional<PersonaCard> persona_card(Connection& c, GroupId group_id, PersonaId id);

}  // namespace hearth::moderation_queue
