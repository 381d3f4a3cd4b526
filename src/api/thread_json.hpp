#pragma once
// The JSON shapes of conversations: threads, posts, authors, search hits and the home feed,
// and what their request bodies share.
//
// Anonymity: an anonymous post's author is {"anonymous": true, "label": "B"}, plus "you":
// true in the author's own requests (decided through policy can_see_author()). No shape
// here carries a persona for an anonymous post, nor any account id.
#include <boost/json/object.hpp>

#include <optional>
#include <string>

#include "api/endpoint.hpp"
#include "core/result.hpp"
#include "domain/group.hpp"
#include "policy/group_access.hpp"
#include "store/posts.hpp"
#include "store/search.hpp"
#include "store/thread_reads.hpp"
#include "store/threads.hpp"

namespace hearth {

// `you`: whether the caller wrote it, when known (omitted otherwise).
boost::json::object author_json(const AuthorDisplay& author, std::optional<bool> you);
boost::json::object group_ref(const Group& group);
boost::json::object thread_summary_json(const Group& group, const threads::Summary& summary, bool member);
boost::json::object post_json(const posts::PostView& post, const GroupViewer& viewer);
boost::json::object hit_json(const search::Hit& hit);
boost::json::object feed_entry_json(const thread_reads::FeedEntry& entry);

// The Idempotency-Key header, else the body's "idempotency_key" (absent: "", which the
// action refuses with a message naming the field).
Result<std::string> idempotency_key_of(const ApiCall& call, const boost::json::object& body);

}  // namespace hearth
