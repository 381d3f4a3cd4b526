#include "actions/filtering.hpp"

#include <algorithm>

#include "safety/content_safety.hpp"
#include "store/accounts.hpp"
#include "store/filter_settings.hpp"
#include "store/mute_words.hpp"
#include "store/personas.hpp"

namespace hearth {
namespace {

using safety::FilterAction;
using safety::Finding;
using safety::Verdict;

constexpr int max_known_names = 300;
constexpr std::size_t max_flag_words = 300;

struct Screened {
  std::optional<Verdict> title;
  std::optional<Verdict> body;
  GroupId group_id = 0;
};

Screened check_in(const ActionEnvironment& env, Connection& c, AccountId account, const FilterTarget& target,
                  const PostDraft& draft, const FilterChoice& choice) {
  const Group& group = target.group.group;
  safety::FilterInput input;
  input.group_id = group.id;
  input.group_region = group.region;
  if (const auto& membership = target.group.viewer.membership) {
    if (auto persona = personas::find(c, membership->persona_id)) input.author_names.push_back(persona->name);
  }
  if (auto me = accounts::find(c, account)) input.author_region = me->region;
  if (target.thread) input.known_names = filter_settings::thread_pseudonyms(c, group.id, *target.thread, max_known_names);
  input.known_names.insert(input.known_names.end(), target.known_names.begin(), target.known_names.end());
  input.strict_third_party = filter_settings::strict_third_party(c, group.id);
  input.author_confirmed = choice.post_anyway;

  const auto lists = env.safety->watched_lists(c, group.id);
  Screened screened;
  screened.group_id = group.id;
  if (target.title) {
    input.text = draft.title;
    input.kind = safety::ContentKind::title;
    screened.title = env.safety->check(input, lists);
  }
  input.text = draft.body;
  input.kind = target.reply ? safety::ContentKind::reply : safety::ContentKind::post;
  screened.body = env.safety->check(input, lists);
  return screened;
}

std::vector<safety::Span> spans_of(const std::optional<Verdict>& verdict, FilterAction action) {
  std::vector<safety::Span> spans;
  if (!verdict) return spans;
  for (const Finding* f : verdict->with(action)) spans.insert(spans.end(), f->spans.begin(), f->spans.end());
  return safety::merge_spans(std::move(spans));
}

std::vector<std::string> messages_of(const Screened& s, FilterAction action) {
  std::vector<std::string> out;
  for (const auto* verdict : {&s.title, &s.body}) {
    if (!*verdict) continue;
    for (const std::string& m : (*verdict)->messages(action)) {
      if (std::find(out.begin(), out.end(), m) == out.end()) out.push_back(m);
    }
  }
  return out;
}

bool decides(const std::optional<Verdict>& verdict, FilterAction action) {
  return verdict && verdict->decision == action;
}

bool found_by(const std::optional<Verdict>& verdict, std::string_view filter, FilterAction action) {
  if (!verdict) return false;
  return std::any_of(verdict->findings.begin(), verdict->findings.end(),
                     [&](const Finding& f) { return f.filter == filter && f.action == action; });
}

std::string joined(const std::vector<std::string>& messages) {
  std::string text;
  for (const std::string& m : messages) text += (text.empty() ? "" : " ") + m;
  return text;
}

FilterPrompt prompt_for(const Screened& s, const PostDraft& draft, FilterAction action) {
  FilterPrompt prompt;
  prompt.title = draft.title;
  prompt.body = draft.body;
  prompt.title_spans = spans_of(s.title, action);
  prompt.body_spans = spans_of(s.body, action);
  prompt.messages = messages_of(s, action);
  prompt.kindness = found_by(s.body, "kindness", action);
  prompt.third_party = found_by(s.title, "third_party", action) || found_by(s.body, "third_party", action);
  return prompt;
}

// "idiot, Sarah Jones": the matched words as written, for moderators.
std::string words_of(std::string_view text, const std::vector<safety::Span>& spans) {
  std::vector<std::string> words;
  for (const safety::Span& span : spans) {
    if (span.end > text.size() || span.begin >= span.end) continue;
    std::string word(text.substr(span.begin, span.end - span.begin));
    if (std::find(words.begin(), words.end(), word) == words.end()) words.push_back(std::move(word));
  }
  std::string out;
  for (const std::string& w : words) {
    if (out.size() + w.size() > max_flag_words) break;
    out += (out.empty() ? "" : ", ") + w;
  }
  return out;
}

// A flag for each finding the moderators should see: crisis language, and what a watched
// word or a strict group's guard flagged or held. Censored words are gone from the post;
// a prompt the author answered is theirs.
void add_flags(FilterPlan& plan, const std::optional<Verdict>& verdict, std::string_view text, GroupId group_id) {
  if (!verdict) return;
  for (const Finding& f : verdict->findings) {
    if (f.action != FilterAction::flag && f.action != FilterAction::crisis && f.action != FilterAction::hold) continue;
    plan.flags.push_back({.group_id = group_id,
                          .filter = f.filter,
                          .action = std::string(safety::filter_action_name(f.action)),
                          .detail = f.detail,
                          .words = words_of(text, f.spans),
                          .at_risk = f.action == FilterAction::crisis});
  }
}

HoldReason hold_reason_of(const Screened& s) {
  for (const auto* verdict : {&s.title, &s.body}) {
    if (!*verdict) continue;
    for (const Finding* f : (*verdict)->with(FilterAction::hold)) {
      if (f->filter != "third_party") return HoldReason::filter;
    }
  }
  return HoldReason::third_party;
}

void count_kindness(const ActionEnvironment& env, GroupId group_id, kindness_outcomes::Outcome outcome) {
  env.store.write([&](Connection& c) { kindness_outcomes::count(c, group_id, outcome, env.clock.now()); });
}

FilterPlan plan_for(const Screened& s, const PostDraft& draft, const FilterChoice& choice) {
  FilterPlan plan;
  FilterOutcome& out = plan.outcome;
  if (decides(s.title, FilterAction::hold) || decides(s.body, FilterAction::hold)) {
    plan.hold = hold_reason_of(s);
    out.held = true;
    out.held_messages = messages_of(s, FilterAction::hold);
  }
  if (s.title && s.title->censored_text) plan.title = *s.title->censored_text;
  if (s.body && s.body->censored_text) plan.body = *s.body->censored_text;
  out.censored = plan.title || plan.body;
  add_flags(plan, s.title, draft.title, s.group_id);
  add_flags(plan, s.body, draft.body, s.group_id);
  for (const auto* verdict : {&s.title, &s.body}) {
    if (!*verdict || !(*verdict)->crisis) continue;
    out.crisis = true;
    for (const std::string& region : (*verdict)->crisis_regions) {
      if (std::find(out.crisis_regions.begin(), out.crisis_regions.end(), region) == out.crisis_regions.end()) {
        out.crisis_regions.push_back(region);
      }
    }
  }
  const bool nudged = found_by(s.body, "kindness", FilterAction::reconsider);
  if (choice.post_anyway && nudged) plan.kindness = kindness_outcomes::Outcome::posted_anyway;
  else if (choice.after_nudge && !nudged) plan.kindness = kindness_outcomes::Outcome::edited;
  return plan;
}

Result<FilterPlan> decide(const ActionEnvironment& env, const Screened& s, const PostDraft& draft,
                          const FilterChoice& choice, FilterOutcome* outcome) {
  const auto refuse = [&](FilterAction action, Error error) -> Result<FilterPlan> {
    FilterPrompt prompt = prompt_for(s, draft, action);
    error.message = joined(prompt.messages);
    if (outcome) outcome->prompt = std::move(prompt);
    return error;
  };
  if (decides(s.title, FilterAction::block) || decides(s.body, FilterAction::block)) {
    return refuse(FilterAction::block, make_error(ErrorCode::invalid_input, "",
                                                  decides(s.title, FilterAction::block) ? "title" : "body"));
  }
  if (decides(s.title, FilterAction::reconsider) || decides(s.body, FilterAction::reconsider)) {
    if (found_by(s.body, "kindness", FilterAction::reconsider)) {
      count_kindness(env, s.group_id, kindness_outcomes::Outcome::shown);
    }
    return refuse(FilterAction::reconsider, make_error(ErrorCode::conflict, "", "confirm"));
  }
  FilterPlan plan = plan_for(s, draft, choice);
  if (outcome) *outcome = plan.outcome;
  return plan;
}

}  // namespace

bool needs_confirmation(const Error& error) {
  return error.code == ErrorCode::conflict && error.field == "confirm";
}

Result<FilterPlan> screen_draft(const ActionEnvironment& env, AccountId account, const PostDraft& draft,
                                const FilterChoice& choice, FilterOutcome* outcome, const FilterTargetLookup& target) {
  const auto screened = env.store.read([&](Connection& c) -> std::optional<Screened> {
    const std::optional<FilterTarget> where = target(c);
    if (!where) return std::nullopt;
    return check_in(env, c, account, *where, draft, choice);
  });
  if (!screened) return FilterPlan{};
  return decide(env, *screened, draft, choice, outcome);
}

void censor_draft(const FilterPlan& plan, PostDraft& draft) {
  if (plan.title) draft.title = *plan.title;
  if (plan.body) draft.body = *plan.body;
}

HoldReason hold_with_filters(const FilterPlan& plan, HoldReason gate) {
  return plan.hold != HoldReason::none ? plan.hold : gate;
}

void record_filter_plan(Connection& c, const FilterPlan& plan, const posts::Post& post, UnixMillis now) {
  for (filter_flags::NewFlag flag : plan.flags) {
    flag.group_id = post.group_id;
    flag.post_id = post.id;
    flag.thread_id = post.thread_id;
    flag.at = now;
    filter_flags::insert(c, flag);
  }
  if (plan.kindness) kindness_outcomes::count(c, post.group_id, *plan.kindness, now);
}

void count_nudge_cancelled(const ActionEnvironment& env, AccountId account, GroupId group_id) {
  env.store.write([&](Connection& c) {
    auto group = find_group_in(c, group_id, account);
    if (!group || !can_participate(group->group.privacy, group->viewer)) return;
    kindness_outcomes::count(c, group_id, kindness_outcomes::Outcome::cancelled, env.clock.now());
  });
}

std::shared_ptr<const safety::MuteMatcher> read_mute_matcher(const ActionEnvironment& env, AccountId account) {
  const auto words = env.store.read([&](Connection& c) { return mute_words::list(c, account); });
  if (words.empty()) return nullptr;
  return env.safety->mute_matcher(account, words);
}

bool is_crisis_query(const ActionEnvironment& env, std::string_view query) {
  return env.safety->is_crisis_query(query);
}

}  // namespace hearth
