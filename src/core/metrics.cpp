#include "core/metrics.hpp"

#include <array>
#include <cassert>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <mutex>

namespace hearth {

struct Metrics::Family {
  struct Series {
    double value = 0;  // counter or gauge value; histogram sum
    uint64_t observations = 0;
    std::array<uint64_t, bucket_count> buckets{};  // per bucket, not cumulative

    void add(MetricType type, double v) {
      switch (type) {
        case MetricType::counter:
          value += v;
          break;
        case MetricType::gauge:
          value = v;
          break;
        case MetricType::histogram: {
          std::size_t bucket = 0;
          while (bucket < std::size(bucket_bounds) && v > bucket_bounds[bucket]) ++bucket;
          ++buckets[bucket];
          ++observations;
          value += v;
          break;
        }
      }
    }
  };

  explicit Family(MetricType t) : type(t) {}

  const MetricType type;
  mutable std::mutex mutex;
  std::string help;
  // Keyed by the rendered label set (`a="x",b="y"`), so rendering needs no formatting
  // and a look-up needs no per-label allocation.
  std::map<std::string, Series, std::less<>> series;
};

namespace {

void append_escaped(std::string& out, std::string_view text, bool escape_quote) {
  for (char c : text) {
    if (c == '\\') {
      out.append("\\\\");
    } else if (c == '\n') {
      out.append("\\n");
    } else if (c == '"' && escape_quote) {
      out.append("\\\"");
    } else {
      out.push_back(c);
    }
  }
}

template <class LabelRange>
void build_key(std::string& key, const LabelRange& labels) {
  key.clear();
  for (const auto& [name, value] : labels) {
    if (!key.empty()) key.push_back(',');
    key.append(name);
    key.append("=\"");
    append_escaped(key, value, true);
    key.push_back('"');
  }
}

void append_number(std::string& out, double v) {
  if (std::isnan(v)) {
    out.append("NaN");
  } else if (std::isinf(v)) {
    out.append(v > 0 ? "+Inf" : "-Inf");
  } else {
    char buffer[32];
    auto result = std::to_chars(buffer, buffer + sizeof buffer, v);
    out.append(buffer, result.ptr);
  }
}

void append_series_name(std::string& out, std::string_view name, std::string_view suffix, std::string_view key,
                        std::string_view extra_label) {
  out.append(name);
  out.append(suffix);
  if (key.empty() && extra_label.empty()) return;
  out.push_back('{');
  out.append(key);
  if (!key.empty() && !extra_label.empty()) out.push_back(',');
  out.append(extra_label);
  out.push_back('}');
}

// The `le` labels of bucket_bounds, written as people write them (0.0005, not 5e-04).
constexpr std::string_view bucket_labels[] = {
    "le=\"0.0005\"", "le=\"0.001\"", "le=\"0.0025\"", "le=\"0.005\"", "le=\"0.01\"", "le=\"0.025\"", "le=\"0.05\"",
    "le=\"0.1\"",    "le=\"0.25\"",  "le=\"0.5\"",    "le=\"1\"",     "le=\"2.5\"",  "le=\"+Inf\""};
static_assert(std::size(bucket_labels) == Metrics::bucket_count);

const char* type_name(MetricType type) {
  switch (type) {
    case MetricType::counter:
      return "counter";
    case MetricType::gauge:
      return "gauge";
    case MetricType::histogram:
      return "histogram";
  }
  return "untyped";
}

}  // namespace

Metrics::Metrics() = default;
Metrics::~Metrics() = default;

Metrics& Metrics::global() {
  static Metrics registry;
  return registry;
}

Metrics::Family& Metrics::family(std::string_view name, MetricType type) {
  {
    std::shared_lock lock(mutex_);
    auto it = families_.find(name);
    if (it != families_.end()) return *it->second;
  }
  std::unique_lock lock(mutex_);
  auto it = families_.find(name);
  if (it == families_.end()) {
    it = families_.emplace(std::string(name), std::make_unique<Family>(type)).first;
  }
  return *it->second;  // families are never removed, so the reference stays valid
}

template <class LabelRange>
void Metrics::record(std::string_view name, MetricType type, const LabelRange& labels, double v) {
  // One buffer per thread: after warm-up, recording allocates nothing.
  thread_local std::string key;
  build_key(key, labels);
  Family& f = family(name, type);
  assert(f.type == type && "a metric name is used with two different types");
  if (f.type != type) return;

  std::lock_guard lock(f.mutex);
  auto it = f.series.find(key);
  if (it == f.series.end()) it = f.series.emplace(key, Family::Series{}).first;
  it->second.add(type, v);
}

Metrics::Handle Metrics::handle(std::string_view name, MetricType type, LabelRefs labels) {
  thread_local std::string key;
  build_key(key, labels);
  Family& f = family(name, type);
  assert(f.type == type && "a metric name is used with two different types");
  Handle handle;
  if (f.type != type) return handle;
  std::lock_guard lock(f.mutex);
  auto it = f.series.find(key);
  if (it == f.series.end()) it = f.series.emplace(key, Family::Series{}).first;
  handle.family_ = &f;
  handle.series_ = &it->second;  // map nodes do not move
  return handle;
}

Metrics::Handle Metrics::counter(std::string_view name, LabelRefs labels) {
  return handle(name, MetricType::counter, labels);
}
Metrics::Handle Metrics::histogram(std::string_view name, LabelRefs labels) {
  return handle(name, MetricType::histogram, labels);
}

void Metrics::count(Handle counter, double v) {
  if (!counter) return;
  assert(counter.family_->type == MetricType::counter);
  std::lock_guard lock(counter.family_->mutex);
  static_cast<Family::Series*>(counter.series_)->add(MetricType::counter, v);
}

void Metrics::observe(Handle histogram, double seconds) {
  if (!histogram) return;
  assert(histogram.family_->type == MetricType::histogram);
  std::lock_guard lock(histogram.family_->mutex);
  static_cast<Family::Series*>(histogram.series_)->add(MetricType::histogram, seconds);
}

void Metrics::describe(std::string_view name, MetricType type, std::string_view help) {
  Family& f = family(name, type);
  assert(f.type == type && "a metric name is described with another type");
  std::lock_guard lock(f.mutex);
  f.help = help;
}

void Metrics::count(std::string_view name, LabelRefs labels, double v) {
  record(name, MetricType::counter, labels, v);
}
void Metrics::count(std::string_view name, const Labels& labels, double v) {
  record(name, MetricType::counter, labels, v);
}
void Metrics::set(std::string_view name, LabelRefs labels, double v) {
  record(name, MetricType::gauge, labels, v);
}
void Metrics::set(std::string_view name, const Labels& labels, double v) {
  record(name, MetricType::gauge, labels, v);
}
void Metrics::observe(std::string_view histogram, LabelRefs labels, double seconds) {
  record(histogram, MetricType::histogram, labels, seconds);
}
void Metrics::observe(std::string_view histogram, const Labels& labels, double seconds) {
  record(histogram, MetricType::histogram, labels, seconds);
}

std::string Metrics::render_prometheus() const {
  std::string out;
  std::shared_lock lock(mutex_);
  for (const auto& [name, family] : families_) {
    std::lock_guard family_lock(family->mutex);
    out.append("# HELP ").append(name).push_back(' ');
    append_escaped(out, family->help.empty() ? std::string_view(name) : family->help, false);
    out.append("\n# TYPE ").append(name).push_back(' ');
    out.append(type_name(family->type)).push_back('\n');

    for (const auto& [key, series] : family->series) {
      if (family->type != MetricType::histogram) {
        append_series_name(out, name, "", key, "");
        out.push_back(' ');
        append_number(out, series.value);
        out.push_back('\n');
        continue;
      }
      uint64_t cumulative = 0;
      for (std::size_t i = 0; i < bucket_count; ++i) {
        cumulative += series.buckets[i];
        append_series_name(out, name, "_bucket", key, bucket_labels[i]);
        out.push_back(' ');
        out.append(std::to_string(cumulative)).push_back('\n');
      }
      append_series_name(out, name, "_sum", key, "");
      out.push_back(' ');
      append_number(out, series.value);
      out.push_back('\n');
      append_series_name(out, name, "_count", key, "");
      out.push_back(' ');
      out.append(std::to_string(series.observations)).push_back('\n');
    }
  }
  return out;
}

}  // namespace hearth
