#include "api/live_streams.hpp"

#include <array>

#include <boost/json.hpp>

#include "core/event_stream.hpp"

namespace hearth {
namespace {

// Events that come closer together than this are sent together: a busy conversation costs
// each open page at most four reads a second.
constexpr std::chrono::milliseconds thread_pace{250};
// Counting reads every group the member is in: a busy group's posts are counted together,
// at most every two seconds.
constexpr std::chrono::milliseconds member_pace{2000};

class ThreadEventStream final : public BodyStream {
 public:
  ThreadEventStream(const ActionEnvironment& env, LiveViewer viewer, ThreadId thread, GroupId group, int64_t from)
      : env_(env), viewer_(std::move(viewer)), thread_(thread), group_(group), position_(from) {}

  void start(std::function<void()> wake) override {
    listener_ = env_.changes->listen(std::move(wake));
    // The group too: a ban, a removal or the group turning private must end the stream at
    // once, not at the thread's next event.
    listener_->listen({{ChangeFeed::Topic::thread, thread_}, {ChangeFeed::Topic::group, group_}});
  }

  std::optional<std::string> next() override {
    const ThreadDelivery d = deliver_thread_events(env_, viewer_, thread_, position_);
    if (d.gone) return std::nullopt;
    std::string out;
    if (d.reset) out += sse_event("reset", "{}", d.position);
    for (const auto& event : d.events) {
      out += sse_event(thread_events::kind_name(event.kind), "{\"post\":\"" + std::to_string(event.post_id) + "\"}",
                       event.seq);
    }
    // Events this viewer may not be told of still move the position on, so a reconnecting
    // client does not ask for them again.
    const bool told_last = d.reset || (!d.events.empty() && d.events.back().seq == d.position);
    if (d.position != position_ && !told_last) out += sse_id_only(d.position);
    position_ = d.position;
    return out;
  }

  std::chrono::milliseconds pace() const override { return thread_pace; }

 private:
  const ActionEnvironment& env_;
  LiveViewer viewer_;
  ThreadId thread_;
  GroupId group_;
  int64_t position_;
  std::unique_ptr<ChangeFeed::Listener> listener_;
};

class MemberEventStream final : public BodyStream {
 public:
  MemberEventStream(const ActionEnvironment& env, LiveViewer viewer) : env_(env), viewer_(std::move(viewer)) {}

  void start(std::function<void()> wake) override {
    listener_ = env_.changes->listen(std::move(wake));
    listen_to({});
  }

  std::optional<std::string> next() override {
    const MemberDelivery d = deliver_member_state(env_, viewer_);
    if (d.gone) return std::nullopt;
    if (d.groups != groups_) listen_to(d.groups);
    const std::array<int64_t, 3> counts{d.unread_threads, d.unread_messages, d.message_requests};
    if (counts == sent_) return std::string();
    sent_ = counts;
    return sse_event("unread", boost::json::serialize(boost::json::object{{"unread_threads", d.unread_threads},
                                                                          {"unread_messages", d.unread_messages},
                                                                          {"message_requests", d.message_requests}}));
  }

  std::chrono::milliseconds pace() const override { return member_pace; }

 private:
  // Their own reading and private messages (a message or request to them wakes their account
  // topic, on every node), and every group they are in: its posts, and its settings and
  // memberships (a group turning hidden, a ban) may change the count.
  void listen_to(std::vector<GroupId> groups) {
    std::vector<ChangeFeed::Key> keys{{ChangeFeed::Topic::account, viewer_.account.value_or(0)}};
    for (const GroupId group : groups) {
      keys.push_back({ChangeFeed::Topic::group, group});
      keys.push_back({ChangeFeed::Topic::group_activity, group});
    }
    listener_->listen(std::move(keys));
    groups_ = std::move(groups);
  }

  const ActionEnvironment& env_;
  LiveViewer viewer_;
  std::vector<GroupId> groups_;
  std::array<int64_t, 3> sent_{-1, -1, -1};  // threads, messages, requests, as last sent
  std::unique_ptr<ChangeFeed::Listener> listener_;
};

}  // namespace

std::shared_ptr<BodyStream> thread_event_stream(const ActionEnvironment& env, LiveViewer viewer, ThreadId thread,
                                                GroupId group, int64_t from) {
  return std::make_shared<ThreadEventStream>(env, std::move(viewer), thread, group, from);
}

std::shared_ptr<BodyStream> member_event_stream(const ActionEnvironment& env, LiveViewer viewer) {
  return std::make_shared<MemberEventStream>(env, std::move(viewer));
}

}  // namespace hearth
