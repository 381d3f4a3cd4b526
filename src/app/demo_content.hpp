#pragma once
// The demo community's groups and conversations, written for the demo: what a fresh
// `make run` shows. Authors are indexes into the demo members (0 is the "demo" login).
#include <string_view>
#include <vector>

namespace hearth::demo {

struct Reply {
  int author;
  std::string_view body;
  int answers = -1;  // index of the reply this one answers; -1: the opening post
  bool anonymous = false;
};

struct Thread {
  int author;
  std::string_view title;
  std::string_view body;
  std::string_view content_warning = {};
  bool anonymous = false;
  std::vector<Reply> replies = {};
  std::vector<int> helped_by = {};  // members who mark the opening post "This helped"
};

struct Group {
  std::string_view name;
  std::string_view description;
  std::string_view about;
  std::string_view privacy;
  std::string_view region;
  std::vector<std::string_view> topics;
  std::vector<std::string_view> rules;
  std::vector<std::string_view> questions;
  bool anonymous_posting;
  int owner;
  std::vector<int> moderators;
  std::vector<int> members;
  std::vector<Thread> threads;
};

inline constexpr int member_count = 9;
const std::vector<Group>& groups();

}  // namespace hearth::demo
