#include "app/scale_seed.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <array>
#include <random>

#include "core/crypto.hpp"
#include "core/markdown.hpp"
#include "domain/persona.hpp"
#include "store/accounts.hpp"
#include "store/groups.hpp"
#include "store/memberships.hpp"
#include "store/personas.hpp"
#include "store/posts.hpp"
#include "store/search.hpp"
#include "store/threads.hpp"

namespace hearth {
namespace {

constexpr int64_t posts_per_transaction = 5000;
constexpr int bench_replies = 50;

// Words for synthetic posts: the vocabulary of the communities Hearth serves, so searches
// in benchmarks hit realistic, skewed term frequencies.
constexpr std::array<std::string_view, 96> words = {
    "tired", "sleep", "night", "morning", "carer", "mum", "dad", "appointment", "doctor", "nurse",
    "diagnosis", "medication", "dose", "waiting", "list", "hope", "week", "today", "tomorrow", "feeling",
    "anxious", "calm", "better", "worse", "support", "group", "thank", "you", "everyone", "help",
    "school", "class", "lesson", "marking", "pupils", "baby", "feeding", "crying", "routine", "nap",
    "insulin", "sugar", "hypo", "sensor", "pump", "walk", "garden", "tea", "friend", "family",
    "work", "manager", "leave", "benefits", "form", "phone", "call", "respite", "memory", "clinic",
    "therapy", "session", "counsellor", "breathing", "exercise", "small", "win", "step", "day", "hard",
    "kind", "words", "listen", "share", "story", "remember", "advice", "experience", "question", "answer",
    "patient", "worry", "thought", "checking", "ritual", "brave", "proud", "slowly", "gentle", "rest",
    "holiday", "weekend", "evening", "visit", "home", "together"};

class Writer {
 public:
  Writer(const ActionEnvironment& env, uint64_t seed) : env_(env), rng_(seed) {}

  int64_t next_id() { return static_cast<int64_t>(rng_() & ((uint64_t{1} << 53) - 1)) | 1; }
  int pick(int n) { return static_cast<int>(rng_() % static_cast<uint64_t>(n)); }

  std::string sentence(int min_words, int max_words) {
    const int n = min_words + pick(max_words - min_words + 1);
    std::string text;
    for (int i = 0; i < n; ++i) {
      if (i > 0) text += ' ';
      text += words[pick(static_cast<int>(words.size()))];
    }
    text[0] = static_cast<char>(text[0] - 'a' + 'A');
    return text + ".";
  }

  std::string body() {
    std::string text;
    const int sentences = 1 + pick(4);
    for (int i = 0; i < sentences; ++i) text += (i ? " " : "") + sentence(6, 18);
    return text;
  }

 private:
  const ActionEnvironment& env_;
  std::mt19937_64 rng_;
};

struct Member {
  AccountId account = 0;
  PersonaId persona = 0;
};

}  // namespace

Result<ScaleReport> seed_scale(const ActionEnvironment& env, int64_t total_posts, uint64_t seed) {
  if (total_posts < 100 || total_posts > 50'000'000) {
    return make_error(ErrorCode::invalid_input, "--posts must be between 100 and 50,000,000.");
  }
  Writer w(env, seed);
  ScaleReport report;
  const UnixMillis now = env.clock.now();
  const UnixMillis start = now - int64_t{365} * 24 * 3600 * 1000;  // a year of history
  const int64_t group_count = std::max<int64_t>(10, total_posts / 4000);
  const int64_t account_count = std::max<int64_t>(50, total_posts / 500);
  const int per_group_members = 40;

  // One password hash shared by every synthetic account: Argon2id per account would
  // dominate the run. Only the bench member's password is meant to be used.
  report.bench_member_login = "scale-member";
  report.bench_member_password = "scale-member-password";
  const std::string shared_hash = hash_password(report.bench_member_password, PasswordHashCost::interactive);

  std::vector<AccountId> accounts;
  env.store.write([&](Connection& c) {
    for (int64_t i = 0; i < account_count; ++i) {
      const AccountId id = w.next_id();
      const std::string login = i == 0 ? report.bench_member_login : fmt::format("scale-{}-{}", seed, i);
      accounts::insert(c, {id, login, shared_hash, "", start});
      accounts.push_back(id);
    }
  });

  struct SeededGroup {
    Group group;
    std::vector<Member> members;
  };
  std::vector<SeededGroup> seeded;
  env.store.write([&](Connection& c) {
    for (int64_t g = 0; g < group_count; ++g) {
      Group group;
      group.id = w.next_id();
      // Mostly public, some private, a few hidden — as a real directory would look.
      group.privacy = g == 0 || g % 10 < 7 ? Privacy::public_group
                      : g % 10 < 9         ? Privacy::private_group
                                           : Privacy::hidden_group;
      group.name = g == 0 ? "Scale bench group" : fmt::format("Scale group {} {}", g, words[g % words.size()]);
      group.slug = g == 0 ? "scale-bench" : fmt::format("scale-{}-{}", seed, g);
      group.description = w.sentence(6, 12);
      group.topics = {std::string(words[g % words.size()])};
      group.languages = {"en"};
      group.anonymous_posting = g % 3 == 0;
      group.created_at = group.last_activity_at = start;
      groups::insert(c, group);
      groups::replace_rules(c, group.id, {"Be kind.", "Share experience, not advice."});
      SeededGroup entry{group, {}};
      for (int m = 0; m < per_group_members; ++m) {
        // The bench member (account 0) belongs to every group.
        const AccountId account = m == 0 ? accounts[0] : accounts[w.pick(static_cast<int>(accounts.size()))];
        if (memberships::find(c, group.id, account)) continue;
        Persona persona;
        persona.id = w.next_id();
        persona.account_id = account;
        persona.name = fmt::format("{} {}", random_pseudonym(), m);
        persona.created_at = start;
        personas::insert(c, persona);
        const Role role = m == 0 ? Role::owner : Role::member;
        memberships::insert(c, {group.id, account, persona.id, role, false, MembershipStatus::active, "", start, start},
                            persona_key(persona.name), "");
        entry.members.push_back({account, persona.id});
      }
      seeded.push_back(std::move(entry));
    }
  });
  report.groups = group_count;
  report.accounts = account_count;

  // Threads of about 20 posts; the first thread of the bench group has exactly 51 posts.
  int64_t written = 0;
  UnixMillis clock = start;
  const int64_t step = std::max<int64_t>(1, (now - start) / total_posts);
  while (written < total_posts) {
    env.store.write([&](Connection& c) {
      const int64_t batch_end = std::min(total_posts, written + posts_per_transaction);
      while (written < batch_end) {
        const bool bench = report.bench_thread_path.empty();
        SeededGroup& g = bench ? seeded[0] : seeded[w.pick(static_cast<int>(seeded.size()))];
        const int64_t size = bench ? bench_replies + 1 : std::min<int64_t>(1 + w.pick(40), batch_end - written);
        threads::Thread thread{w.next_id(), g.group.id, w.sentence(3, 9), 0, false, false, size, clock, clock};
        std::vector<posts::Post> written_posts;
        for (int64_t i = 0; i < size; ++i) {
          const Member& author = g.members[w.pick(static_cast<int>(g.members.size()))];
          posts::Post p;
          p.id = w.next_id();
          p.group_id = g.group.id;
          p.thread_id = thread.id;
          if (i > 0) {
            // Mostly direct replies, some answering an earlier reply (depth ≤ 3).
            const posts::Post& parent = written_posts[w.pick(3) == 0 ? w.pick(static_cast<int>(written_posts.size())) : 0];
            p.parent_id = parent.depth >= max_reply_depth ? parent.parent_id : std::optional<PostId>(parent.id);
            p.depth = std::min(parent.depth + 1, max_reply_depth);
            p.branch_id = p.depth == 1 ? std::optional<PostId>(p.id) : parent.branch_id;
          }
          p.author_account_id = author.account;
          p.author_persona_id = author.persona;
          p.body = w.body();
          p.body_html = render_markdown(p.body);
          clock += step;
          p.created_at = clock;
          p.idempotency_key = fmt::format("scale-{}", p.id);
          if (i == 0) thread.opening_post_id = p.id;
          written_posts.push_back(p);
        }
        thread.last_activity_at = clock;
        threads::insert(c, thread);
        for (const auto& p : written_posts) {
          posts::insert(c, p);
          search::index_post(c, {p.id, p.group_id, g.group.privacy, p.thread_id,
                                 p.id == thread.opening_post_id ? thread.title : "", p.body});
        }
        groups::touch_activity(c, g.group.id, clock);
        if (bench) report.bench_thread_path = fmt::format("/g/{}/t/{}", g.group.slug, thread.id);
        written += size;
        ++report.threads;
      }
    });
    if (written % 100'000 < posts_per_transaction) spdlog::info("seed scale: {} of {} posts", written, total_posts);
  }
  report.posts = written;
  spdlog::info("seed scale: optimising the search index");
  env.store.write([](Connection& c) { search::optimize_index(c); });
  return report;
}

}  // namespace hearth
