#pragma once
// Groups: their description, rules, questions and services; the directory.
#include <optional>
#include <string>
#include <vector>

#include "domain/group.hpp"
#include "store/database.hpp"

namespace hearth::groups {

void insert(Connection& c, const Group& group);
void update(Connection& c, const Group& group);  // every descriptive field, by id
std::optional<Group> find_by_slug(Connection& c, std::string_view slug);
std::optional<Group> find(Connection& c, GroupId id);
bool slug_taken(Connection& c, std::string_view slug);
void touch_activity(Connection& c, GroupId id, UnixMillis at);

std::vector<std::string> rules(Connection& c, GroupId id);
std::vector<std::string> questions(Connection& c, GroupId id);
void replace_rules(Connection& c, GroupId id, const std::vector<std::string>& rules);
void replace_questions(Connection& c, GroupId id, const std::vector<std::string>& questions);

std::vector<GroupService> services(Connection& c, GroupId id);
void add_service(Connection& c, GroupId id, const GroupService& service);
bool remove_service(Connection& c, GroupId id, int64_t service_id);

// The directory: listed groups (never hidden ones) matching every filter given, most
// recently active first. `query` matches name, description and topics (case-insensitive).
struct DirectoryFilter {
  std::string query;
  std::string topic;
  std::string region;
  std::string language;
  int limit = 50;
};
struct DirectoryEntry {
  Group group;
  int64_t member_count = 0;
};
std::vector<DirectoryEntry> directory(Connection& c, const DirectoryFilter& filter);

}  // namespace hearth::groups
