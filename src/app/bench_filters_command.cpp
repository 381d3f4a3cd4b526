// hearth bench-filters [--words N] [--runs N]: what the safety filters cost per post
// (issue 4: under 50 µs for a 2,000-character post with 10,000 watched words). Run by
// bench/filters.sh on a release build. It makes its own throwaway SQLite store (never the
// configured one), fills the platform's watched-word list with N synthetic entries (a mix of
// words, phrases and "starts with" entries, one in ten blocking, holding or censoring), and
// times, per 2,000-character post:
//   chain      ContentSafety::check with the compiled lists in hand (the filters alone)
//   with db    ContentSafety::check(Connection&, …) in a read transaction, as actions call it
//              (adds the one indexed query for the lists' versions)
// for a post that matches nothing, and one with a watched word, a phone number and a name.
// Compiling the list (once per change of a list) is timed once.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "app/commands.hpp"
#include "core/random.hpp"
#include "safety/content_safety.hpp"
#include "safety/list_entry.hpp"
#include "store/store.hpp"
#include "store/watched_words.hpp"

namespace hearth {
namespace {

using Steady = std::chrono::steady_clock;

// Per-thread CPU time: on a shared 2-core machine wall time measures the neighbours too.
double thread_cpu_us() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

// Deterministic made-up words (xorshift), so every run benches the same list.
struct WordMaker {
  uint64_t state = 88172645463325252ULL;
  uint64_t next() {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  }
  std::string word() {
    static constexpr std::string_view consonants = "bcdfghjklmnprstvwz";
    static constexpr std::string_view vowels = "aeiou";
    std::string w;
    const int syllables = 2 + static_cast<int>(next() % 3);
    for (int i = 0; i < syllables; ++i) {
      w += consonants[next() % consonants.size()];
      w += vowels[next() % vowels.size()];
    }
    return w;
  }
};

// `count` entries with distinct keys (made-up words can repeat).
std::vector<safety::ListEntry> synthetic_entries(int count) {
  WordMaker maker;
  std::vector<safety::ListEntry> entries;
  std::set<std::string> keys;
  for (int i = 0; static_cast<int>(entries.size()) < count; ++i) {
    std::string phrase = maker.word();
    if (i % 5 == 1) phrase += " " + maker.word();
    if (i % 7 == 3) phrase += "*";
    auto entry = safety::prepare_list_entry(phrase);
    if (entry && keys.insert(entry->key).second) entries.push_back(std::move(*entry));
  }
  return entries;
}

// About 2,000 characters of an ordinary reply: a few numbers, no names, nothing to catch.
std::string ordinary_post() {
  const std::string paragraph =
      "Thank you for writing this, it helps to know other people have been through the same thing. "
      "When my appointments moved to 9:30 on Tuesdays I found the mornings hard at first, but after "
      "3 or 4 weeks it settled down. I keep a small notebook by the bed and write down one good thing "
      "each evening, even when it is tiny, like a warm cup of tea or a walk round the block. ";
  std::string post;
  while (post.size() < 2000) post += paragraph;
  post.resize(2000);
  return post;
}

std::string post_with_findings(const std::string& watched) {
  std::string post = ordinary_post();
  post.replace(400, 0, " I told Sarah Jones about it, call me on 07700 900123. ");
  post.replace(1200, 0, " " + watched + " ");
  post.resize(2000);
  return post;
}

struct Timing {
  double mean_us = 0;
  double p50_us = 0;
  double p99_us = 0;
  double cpu_us = 0;  // per run
};

template <class F>
Timing time_runs(int runs, F&& run) {
  for (int i = 0; i < std::min(runs, 200); ++i) run();  // warm up caches and scratch space
  std::vector<double> each;
  each.reserve(static_cast<std::size_t>(runs));
  const double cpu_start = thread_cpu_us();
  for (int i = 0; i < runs; ++i) {
    const auto start = Steady::now();
    run();
    each.push_back(std::chrono::duration<double, std::micro>(Steady::now() - start).count());
  }
  const double cpu = (thread_cpu_us() - cpu_start) / runs;
  std::sort(each.begin(), each.end());
  double total = 0;
  for (const double t : each) total += t;
  return {total / runs, each[each.size() / 2], each[std::min(each.size() - 1, each.size() * 99 / 100)], cpu};
}

void print(const char* name, const Timing& t) {
  std::printf("%-34s mean %7.1f us  p50 %7.1f us  p99 %7.1f us  cpu %7.1f us/post\n", name, t.mean_us, t.p50_us,
              t.p99_us, t.cpu_us);
}

int flag_value(const std::map<std::string, std::string>& options, const char* name, int fallback) {
  const auto found = options.find(name);
  return found == options.end() ? fallback : std::max(1, std::atoi(found->second.c_str()));
}

}  // namespace

int run_bench_filters(const std::map<std::string, std::string>& options) {
  const int words = flag_value(options, "--words", 10'000);
  const int runs = flag_value(options, "--runs", 20'000);
  const auto dir = std::filesystem::temp_directory_path() / ("hearth-bench-filters-" + random_hex(6));
  std::filesystem::create_directories(dir);
  auto opened = Store::open({.location = (dir / "bench.db").string(), .readers = 1});
  if (!opened) {
    std::fprintf(stderr, "hearth: %s\n", opened.error().message.c_str());
    return 1;
  }
  Store& store = **opened;
  const std::vector<safety::ListEntry> entries = synthetic_entries(words);
  store.write([&](Connection& c) {
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const safety::ListEntry* entry = &entries[i];
      const WatchAction action = i % 10 == 0   ? WatchAction::block
                                 : i % 10 == 1 ? WatchAction::hold
                                 : i % 10 == 2 ? WatchAction::censor
                                               : WatchAction::flag;
      watched_words::add(c, {.phrase = entry->phrase, .phrase_key = entry->key, .action = action, .created_at = 1});
    }
  });

  const auto curated_start = Steady::now();
  const safety::ContentSafety safety;
  const double curated_ms = std::chrono::duration<double, std::milli>(Steady::now() - curated_start).count();
  const auto compile_start = Steady::now();
  const auto lists = store.read([&](Connection& c) { return safety.watched_lists(c, std::nullopt); });
  const double compile_ms = std::chrono::duration<double, std::milli>(Steady::now() - compile_start).count();
  const int64_t listed = store.read([](Connection& c) { return watched_words::count(c, std::nullopt); });

  const std::string plain = ordinary_post();
  const std::string matching = post_with_findings(entries[0].phrase);
  safety::FilterInput input{.kind = safety::ContentKind::reply, .author_names = {"Quiet Harbour"}};
  std::printf("hearth bench-filters: %lld watched words (platform list), %zu-byte posts, %d runs each\n",
              static_cast<long long>(listed), plain.size(), runs);
  std::printf("compiling the curated lists (once per process): %.0f ms\n", curated_ms);
  std::printf("compiling the watched-word list (once per change): %.0f ms\n", compile_ms);
  int64_t findings = 0;
  for (const auto& [name, text] : {std::pair{"no match", &plain}, std::pair{"watched word + phone + name", &matching}}) {
    input.text = *text;
    const auto chain = time_runs(runs, [&] { findings += static_cast<int64_t>(safety.check(input, lists).findings.size()); });
    const auto with_db = time_runs(runs, [&] {
      findings += static_cast<int64_t>(store.read([&](Connection& c) { return safety.check(c, input); }).findings.size());
    });
    std::printf("-- %s\n", name);
    print("chain (lists in hand)", chain);
    print("chain + list versions (read tx)", with_db);
  }
  std::printf("(findings seen: %lld)\n", static_cast<long long>(findings));
  store.close();
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return 0;
}

}  // namespace hearth
