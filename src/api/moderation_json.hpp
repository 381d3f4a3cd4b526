#pragma once
// The JSON shapes of moderation: post cards, report summaries, strike histories, notes,
// log lines; and reading a moderation request from a body.
//
// Anonymity: a post card's author is author_json() of AuthorDisplay (a label only, for an
// anonymous post); an anonymous author appears everywhere else as {"handle": "…"} only.
#include <boost/json/object.hpp>

#include "api/endpoint.hpp"
#include "core/result.hpp"
#include "domain/group.hpp"
#include "domain/moderation.hpp"
#include "store/filter_flags.hpp"
#include "store/moderation_log.hpp"
#include "store/moderation_queue.hpp"
#include "store/moderator_notes.hpp"
#include "store/reports.hpp"
#include "store/sanctions.hpp"

namespace hearth {

boost::json::object post_card_json(const Group& group, const moderation_queue::PostCard& post);
boost::json::object open_reports_json(const reports::OpenItem& item);
// [{"filter": "watched_words", "action": "flag", "detail": "…", "words": "…", "at_risk": false}]
boost::json::array filter_flags_json(const std::vector<filter_flags::Flag>& flags);
boost::json::object standing_json(const sanctions::Standing& standing);
boost::json::array history_json(const std::vector<sanctions::Entry>& history);
boost::json::array notes_json(const std::vector<moderator_notes::Note>& notes);
boost::json::object log_line_json(const moderation_log::Line& line, bool full);
boost::json::object settings_json(const ModerationSettings& settings);

// {"action": "remove", "reason": "…", "rule": 2, "mute_hours": 24}
Result<ModerationRequest> moderation_request_from(const boost::json::object& body);
// {"reason": "hurtful", "rule": 2, "note": "…"}
Result<ReportDraft> report_from(const boost::json::object& body);

}  // namespace hearth
