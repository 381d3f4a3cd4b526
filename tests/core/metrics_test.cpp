#include "core/metrics.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace hearth {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(Metrics, CountersRenderWithHelpAndType) {
  Metrics m;
  m.describe("hearth_things_total", MetricType::counter, "Things that happened.");
  m.count("hearth_things_total", {{"route", "web.home"}, {"status", "200"}});
  m.count("hearth_things_total", {{"route", "web.home"}, {"status", "200"}}, 2);
  m.count("hearth_things_total", Labels{{"route", "web.home"}, {"status", "404"}});
  std::string out = m.render_prometheus();
  EXPECT_EQ(out,
            "# HELP hearth_things_total Things that happened.\n"
            "# TYPE hearth_things_total counter\n"
            "hearth_things_total{route=\"web.home\",status=\"200\"} 3\n"
            "hearth_things_total{route=\"web.home\",status=\"404\"} 1\n");
}

TEST(Metrics, DescribedFamilyWithoutSamplesIsListed) {
  Metrics m;
  m.describe("hearth_idle", MetricType::gauge, "Nothing yet.");
  EXPECT_EQ(m.render_prometheus(), "# HELP hearth_idle Nothing yet.\n# TYPE hearth_idle gauge\n");
}

TEST(Metrics, UndescribedFamilyGetsAGenericHelpAndNoBracesWithoutLabels) {
  Metrics m;
  m.set("hearth_open_connections", {}, 7);
  m.set("hearth_open_connections", {}, 5);
  EXPECT_EQ(m.render_prometheus(),
            "# HELP hearth_open_connections hearth_open_connections\n"
            "# TYPE hearth_open_connections gauge\n"
            "hearth_open_connections 5\n");
}

TEST(Metrics, HistogramBucketsAreCumulative) {
  Metrics m;
  m.describe("hearth_db_query_duration_seconds", MetricType::histogram, "Query time.");
  for (double s : {0.0004, 0.0005, 0.003, 0.2, 7.0}) {
    m.observe("hearth_db_query_duration_seconds", {{"operation", "select_thread"}}, s);
  }
  std::string out = m.render_prometheus();
  const std::string p = "hearth_db_query_duration_seconds_bucket{operation=\"select_thread\",le=";
  EXPECT_TRUE(contains(out, "# TYPE hearth_db_query_duration_seconds histogram\n"));
  EXPECT_TRUE(contains(out, p + "\"0.0005\"} 2\n")) << out;  // bounds are inclusive
  EXPECT_TRUE(contains(out, p + "\"0.001\"} 2\n"));
  EXPECT_TRUE(contains(out, p + "\"0.0025\"} 2\n"));
  EXPECT_TRUE(contains(out, p + "\"0.005\"} 3\n"));
  EXPECT_TRUE(contains(out, p + "\"0.25\"} 4\n"));
  EXPECT_TRUE(contains(out, p + "\"2.5\"} 4\n"));
  EXPECT_TRUE(contains(out, p + "\"+Inf\"} 5\n"));
  EXPECT_TRUE(contains(out, "hearth_db_query_duration_seconds_count{operation=\"select_thread\"} 5\n"));
  EXPECT_TRUE(contains(out, "hearth_db_query_duration_seconds_sum{operation=\"select_thread\"} 7.2039\n")) << out;
  // 13 bucket lines: 12 bounds and +Inf.
  std::size_t buckets = 0;
  for (std::size_t at = out.find("_bucket{"); at != std::string::npos; at = out.find("_bucket{", at + 1)) {
    ++buckets;
  }
  EXPECT_EQ(buckets, 13u);
}

TEST(Metrics, HistogramWithoutLabels) {
  Metrics m;
  m.observe("hearth_tick_seconds", {}, 0.01);
  std::string out = m.render_prometheus();
  EXPECT_TRUE(contains(out, "hearth_tick_seconds_bucket{le=\"0.01\"} 1\n")) << out;
  EXPECT_TRUE(contains(out, "hearth_tick_seconds_bucket{le=\"0.005\"} 0\n"));
  EXPECT_TRUE(contains(out, "hearth_tick_seconds_sum 0.01\n"));
  EXPECT_TRUE(contains(out, "hearth_tick_seconds_count 1\n"));
}

TEST(Metrics, LabelValuesAndHelpAreEscaped) {
  Metrics m;
  m.describe("hearth_x_total", MetricType::counter, "Back\\slash and\nnewline \"quoted\"");
  m.count("hearth_x_total", {{"name", "a\"b\\c\nd"}});
  std::string out = m.render_prometheus();
  EXPECT_TRUE(contains(out, "# HELP hearth_x_total Back\\\\slash and\\nnewline \"quoted\"\n")) << out;
  EXPECT_TRUE(contains(out, "hearth_x_total{name=\"a\\\"b\\\\c\\nd\"} 1\n")) << out;
}

TEST(Metrics, FamiliesAreSortedByName) {
  Metrics m;
  m.count("hearth_b_total", {});
  m.count("hearth_a_total", {});
  std::string out = m.render_prometheus();
  EXPECT_LT(out.find("hearth_a_total"), out.find("hearth_b_total"));
}

TEST(Metrics, GlobalIsOneRegistry) {
  EXPECT_EQ(&Metrics::global(), &Metrics::global());
}

TEST(Metrics, ConcurrentRecordingLosesNothing) {
  Metrics m;
  constexpr int threads = 4;
  constexpr int per_thread = 20000;
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&m, t] {
      std::string route = "r" + std::to_string(t % 2);
      for (int i = 0; i < per_thread; ++i) {
        m.count("hearth_requests_total", {{"route", route}});
        m.observe("hearth_latency_seconds", {{"route", route}}, 0.002);
        if (i % 1000 == 0) (void)m.render_prometheus();
      }
    });
  }
  for (auto& w : workers) w.join();
  std::string out = m.render_prometheus();
  EXPECT_TRUE(contains(out, "hearth_requests_total{route=\"r0\"} 40000\n")) << out;
  EXPECT_TRUE(contains(out, "hearth_requests_total{route=\"r1\"} 40000\n"));
  EXPECT_TRUE(contains(out, "hearth_latency_seconds_count{route=\"r1\"} 40000\n"));
}

}  // namespace
}  // namespace hearth
