#pragma once
// Labelled corpora for the filters: each case is a text and whether the filter should fire.
// The score is printed (precision and recall, as issue 4 asks) and the misses are listed,
// so a change to a list shows at once what it gained and what it broke.
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace hearth::safety::testing {

struct Labelled {
  std::string text;
  bool fires = false;
};

struct Score {
  int true_positives = 0;
  int false_positives = 0;
  int false_negatives = 0;
  int true_negatives = 0;
  std::vector<std::string> misses;  // "missed: …" and "wrongly fired: …"

  double precision() const {
    const int fired = true_positives + false_positives;
    return fired == 0 ? 1.0 : static_cast<double>(true_positives) / fired;
  }
  double recall() const {
    const int should = true_positives + false_negatives;
    return should == 0 ? 1.0 : static_cast<double>(true_positives) / should;
  }
};

inline Score score(const char* name, const std::vector<Labelled>& corpus,
                   const std::function<bool(const std::string&)>& fires) {
  Score s;
  for (const Labelled& c : corpus) {
    const bool got = fires(c.text);
    if (got && c.fires) ++s.true_positives;
    if (got && !c.fires) ++s.false_positives, s.misses.push_back("wrongly fired: " + c.text);
    if (!got && c.fires) ++s.false_negatives, s.misses.push_back("missed: " + c.text);
    if (!got && !c.fires) ++s.true_negatives;
  }
  std::printf("[ corpus   ] %s: %zu cases, precision %.2f, recall %.2f (tp %d, fp %d, fn %d, tn %d)\n", name,
              corpus.size(), s.precision(), s.recall(), s.true_positives, s.false_positives, s.false_negatives,
              s.true_negatives);
  for (const std::string& m : s.misses) std::printf("[ corpus   ]   %s\n", m.c_str());
  return s;
}

}  // namespace hearth::safety::testing
