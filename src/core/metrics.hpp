#pragma once
// A small, thread-safe Prometheus registry. http/ records requests and latencies, store/
// records query timings; GET /metrics renders everything in the text exposition format.
//
// Label values must come from a small, fixed set (route names, status codes, operation
// names): never put a path, a user id or anything a visitor can vary into a label, or the
// registry grows without bound.
#include <initializer_list>
#include <iterator>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hearth {

using Labels = std::vector<std::pair<std::string, std::string>>;
// Borrowed labels for the hot path: `{{"route", name}, {"status", "200"}}` copies nothing.
using LabelRefs = std::initializer_list<std::pair<std::string_view, std::string_view>>;

enum class MetricType { counter, gauge, histogram };

class Metrics {
  struct Family;

 public:
  // Upper bounds, in seconds, of the latency buckets every histogram uses (+Inf implied).
  static constexpr double bucket_bounds[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
  static constexpr std::size_t bucket_count = std::size(bucket_bounds) + 1;

  Metrics();
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // The process-wide registry that /metrics renders.
  static Metrics& global();

  // Declares a family with its HELP text, so it is listed even before its first sample.
  // Optional: a family is also created on first use, with a generic HELP text.
  void describe(std::string_view name, MetricType type, std::string_view help);

  // Adds v to a counter (created on first use). Labels are kept in the order given, so
  // pass them in the same order at every call site.
  void count(std::string_view name, LabelRefs labels, double v = 1);
  void count(std::string_view name, const Labels& labels, double v = 1);

  // Sets a gauge to v.
  void set(std::string_view name, LabelRefs labels, double v);
  void set(std::string_view name, const Labels& labels, double v);

  // Records one observation, in seconds, in a histogram with the fixed buckets above.
  void observe(std::string_view histogram, LabelRefs labels, double seconds);
  void observe(std::string_view histogram, const Labels& labels, double seconds);

  // Prometheus text exposition format 0.0.4, families and series sorted by name.
  std::string render_prometheus() const;

  // One series, looked up once, for hot paths: recording through a handle skips the
  // family and label look-ups (the series' own lock is still taken). Valid for the
  // registry's lifetime; series are never removed.
  class Handle {
   public:
    Handle() = default;
    explicit operator bool() const { return series_ != nullptr; }

   private:
    friend class Metrics;
    Family* family_ = nullptr;
    void* series_ = nullptr;  // a Family::Series
  };
  // The series (created on first use), for count(Handle) or observe(Handle).
  Handle counter(std::string_view name, LabelRefs labels);
  Handle histogram(std::string_view name, LabelRefs labels);
  void count(Handle counter, double v = 1);
  void observe(Handle histogram, double seconds);

 private:
  Family& family(std::string_view name, MetricType type);
  Handle handle(std::string_view name, MetricType type, LabelRefs labels);
  template <class LabelRange>
  void record(std::string_view name, MetricType type, const LabelRange& labels, double v);

  mutable std::shared_mutex mutex_;  // guards the map itself; each family has its own lock
  std::map<std::string, std::unique_ptr<Family>, std::less<>> families_;
};

}  // namespace hearth
