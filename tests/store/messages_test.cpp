#include "store/messages.hpp"

#include <gtest/gtest.h>

#include "actions/conversations_fixture.hpp"
#include "store/message_settings.hpp"
#include "store/persona_blocks.hpp"

namespace hearth {
namespace {

class MessagesStoreTest : public testing::ConversationTest {
 protected:
  void SetUp() override {
    alice = account("alice");
    bob = account("bob");
    carol = account("carol");
    g = group(alice, "Circle", "public");
    bob_p = member(bob, g, "Bob Birch");
    carol_p = member(carol, g, "Carol Cedar");
  }

  messages::ConversationId open_conversation(bool as_request = false) {
    return store().write([&](Connection& c) {
      return messages::create_conversation(c, 4242, g, {0, g, bob, bob_p, carol_p}, {0, g, carol, carol_p, bob_p},
                                           clock().now(), as_request)
          .id;
    });
  }

  messages::RequestState side(messages::ConversationId id, AccountId account) {
    return store().read([&](Connection& c) { return messages::participant(c, id, account)->request; });
  }

  messages::Message message(messages::ConversationId conversation, int64_t id, AccountId sender, PersonaId persona,
                            UnixMillis at, const std::string& body) {
    messages::Message m;
    m.id = id;
    m.conversation_id = conversation;
    m.group_id = g;
    m.sender_account_id = sender;
    m.sender_persona_id = persona;
    m.body = body;
    m.body_html = "<p>" + body + "</p>";
    m.created_at = at;
    m.idempotency_key = "key-" + std::to_string(id);
    return m;
  }

  void send(messages::ConversationId conversation, const messages::Message& m, AccountId to) {
    store().write([&](Connection& c) {
      messages::insert_message(c, m);
      messages::deliver(c, conversation, m.sender_account_id, to, m.created_at);
    });
  }

  AccountId alice = 0, bob = 0, carol = 0;
  GroupId g = 0;
  PersonaId bob_p = 0, carol_p = 0;
};

TEST_F(MessagesStoreTest, OneConversationPerPairWhicheverSideAsks) {
  const auto id = open_conversation();
  store().read([&](Connection& c) {
    EXPECT_EQ(messages::find_between(c, g, bob_p, carol_p)->id, id);
    EXPECT_EQ(messages::find_between(c, g, carol_p, bob_p)->id, id);
    EXPECT_FALSE(messages::find_between(c, g + 1, bob_p, carol_p).has_value());
    EXPECT_EQ(messages::participant(c, id, bob)->other_persona_id, carol_p);
    EXPECT_EQ(messages::other_participant(c, id, bob)->account_id, carol);
    EXPECT_FALSE(messages::participant(c, id, alice).has_value());
    // Nothing in either list before the first message.
    EXPECT_TRUE(messages::list(c, bob, 10, std::nullopt).empty());
  });
  EXPECT_THROW(open_conversation(), DatabaseError);  // the pair is unique
}

TEST_F(MessagesStoreTest, UnreadCountsFollowDeliveryAndReading) {
  const auto id = open_conversation();
  send(id, message(id, 1, bob, bob_p, 1000, "hello"), carol);
  send(id, message(id, 2, bob, bob_p, 2000, "are you there"), carol);
  store().read([&](Connection& c) {
    EXPECT_EQ(messages::unread_total(c, carol), 2);
    EXPECT_EQ(messages::unread_total(c, bob), 0);
    const auto list = messages::list(c, carol, 10, std::nullopt);
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0].other_persona_name, "Bob Birch");
    EXPECT_EQ(list[0].my_persona_name, "Carol Cedar");
    EXPECT_EQ(list[0].group_name, "Circle");
    EXPECT_EQ(list[0].unread_count, 2);
    EXPECT_EQ(list[0].last_message_at, 2000);
    EXPECT_EQ(messages::list(c, bob, 10, std::nullopt).at(0).unread_count, 0);
  });
  store().write([&](Connection& c) { messages::mark_read(c, id, carol); });
  EXPECT_EQ(store().read([&](Connection& c) { return messages::unread_total(c, carol); }), 0);
}

TEST_F(MessagesStoreTest, HeldMessagesAreTheSendersAloneUntilReleased) {
  const auto id = open_conversation();
  auto held = message(id, 7, bob, bob_p, 1000, "waiting");
  held.held_at = 1000;
  held.held_reason = "filter";
  held.flag_words = "badword";
  send(id, held, 0);
  store().read([&](Connection& c) {
    EXPECT_EQ(messages::page(c, id, bob, 10, std::nullopt).size(), 1u);
    EXPECT_TRUE(messages::page(c, id, carol, 10, std::nullopt).empty());
    EXPECT_EQ(messages::unread_total(c, carol), 0);
    EXPECT_TRUE(messages::list(c, carol, 10, std::nullopt).empty());
    ASSERT_EQ(messages::in_queue(c, g, 10).size(), 1u);
    EXPECT_EQ(messages::in_queue(c, g, 10)[0].flag_words, "badword");
  });
  store().write([&](Connection& c) {
    messages::release_hold(c, 7);
    messages::deliver(c, id, bob, carol, 1500);
  });
  store().read([&](Connection& c) {
    EXPECT_EQ(messages::page(c, id, carol, 10, std::nullopt).size(), 1u);
    EXPECT_EQ(messages::unread_total(c, carol), 1);
    EXPECT_TRUE(messages::in_queue(c, g, 10).empty());
  });
}

TEST_F(MessagesStoreTest, PagesGoBackwardsFromTheNewest) {
  const auto id = open_conversation();
  for (int i = 1; i <= 5; ++i) send(id, message(id, i, bob, bob_p, 1000 * i, "m" + std::to_string(i)), carol);
  store().read([&](Connection& c) {
    const auto newest = messages::page(c, id, carol, 2, std::nullopt);
    ASSERT_EQ(newest.size(), 2u);
    EXPECT_EQ(newest[0].body, "m5");
    EXPECT_EQ(newest[1].body, "m4");
    const auto older = messages::page(c, id, carol, 10, newest[1].id);
    ASSERT_EQ(older.size(), 3u);
    EXPECT_EQ(older[0].body, "m3");
    EXPECT_EQ(older[2].body, "m1");
  });
}

TEST_F(MessagesStoreTest, RemovalKeepsThePlaceButNotTheWords) {
  const auto id = open_conversation();
  send(id, message(id, 1, bob, bob_p, 1000, "oops"), carol);
  send(id, message(id, 2, bob, bob_p, 2000, "rude"), carol);
  store().write([&](Connection& c) {
    messages::mark_removed(c, 1, 3000);
    messages::mark_removed_by_moderator(c, 2, 4000, "Please be kind.");
  });
  store().read([&](Connection& c) {
    const auto one = messages::find_message(c, 1);
    EXPECT_EQ(one->deleted_at, 3000);
    EXPECT_EQ(one->body, "");
    EXPECT_FALSE(one->removed_by_moderator);
    const auto two = messages::find_message(c, 2);
    EXPECT_TRUE(two->removed_by_moderator);
    EXPECT_EQ(two->body_html, "");
    EXPECT_EQ(two->removal_explanation, "Please be kind.");
    EXPECT_EQ(messages::find_by_idempotency_key(c, bob, "key-2")->id, 2);
    EXPECT_FALSE(messages::find_by_idempotency_key(c, carol, "key-2").has_value());
  });
}

TEST_F(MessagesStoreTest, ABlockEitherWayOrLeavingTheGroupTakesTheConversationOutOfTheList) {
  const auto id = open_conversation();
  send(id, message(id, 1, bob, bob_p, 1000, "hi"), carol);
  store().write([&](Connection& c) { persona_blocks::add(c, {carol, bob_p, bob, carol_p, g, 1}); });
  store().read([&](Connection& c) {
    EXPECT_TRUE(messages::blocked_between(c, bob, bob_p, carol, carol_p));
    EXPECT_TRUE(messages::blocked_between(c, carol, carol_p, bob, bob_p));
    EXPECT_TRUE(messages::list(c, carol, 10, std::nullopt).empty());
    EXPECT_TRUE(messages::list(c, bob, 10, std::nullopt).empty());
    EXPECT_EQ(messages::unread_total(c, carol), 0);
  });
  store().write([&](Connection& c) { persona_blocks::remove(c, carol, bob_p); });
  EXPECT_EQ(store().read([&](Connection& c) { return messages::list(c, carol, 10, std::nullopt).size(); }), 1u);
  store().write([&](Connection& c) { memberships::remove(c, g, carol); });
  store().read([&](Connection& c) {
    EXPECT_TRUE(messages::list(c, carol, 10, std::nullopt).empty());
    EXPECT_EQ(messages::unread_total(c, carol), 0);
    EXPECT_EQ(messages::list(c, bob, 10, std::nullopt).size(), 1u);  // still in bob's
  });
}

TEST_F(MessagesStoreTest, TheListPagesByKeysetNewestFirst) {
  std::vector<messages::ConversationId> ids;
  for (int i = 0; i < 3; ++i) {
    const AccountId someone = account("someone" + std::to_string(i));
    const PersonaId p = member(someone, g, "Someone " + std::to_string(i));
    const auto id = store().write([&](Connection& c) {
      return messages::create_conversation(c, 100 + i, g, {0, g, someone, p, carol_p}, {0, g, carol, carol_p, p},
                                           clock().now())
          .id;
    });
    send(id, message(id, 10 + i, someone, p, 1000 * (i + 1), "x"), carol);
    ids.push_back(id);
  }
  store().read([&](Connection& c) {
    const auto first = messages::list(c, carol, 2, std::nullopt);
    ASSERT_EQ(first.size(), 2u);
    EXPECT_EQ(first[0].conversation_id, ids[2]);
    EXPECT_EQ(first[1].conversation_id, ids[1]);
    const auto cursor = messages::parse_list_cursor(
        messages::format_list_cursor({first[1].last_message_at, first[1].conversation_id}));
    ASSERT_TRUE(cursor.has_value());
    const auto rest = messages::list(c, carol, 2, cursor);
    ASSERT_EQ(rest.size(), 1u);
    EXPECT_EQ(rest[0].conversation_id, ids[0]);
    EXPECT_EQ(messages::unread_total(c, carol), 3);
  });
  EXPECT_FALSE(messages::parse_list_cursor("nonsense").has_value());
}

TEST_F(MessagesStoreTest, ARequestWaitsApartFromTheListAndTheUnreadCount) {
  const auto id = open_conversation(true);
  EXPECT_EQ(side(id, bob), messages::RequestState::sent);
  EXPECT_EQ(side(id, carol), messages::RequestState::received);
  send(id, message(id, 1, bob, bob_p, 1000, "may I write to you"), carol);
  store().read([&](Connection& c) {
    EXPECT_TRUE(messages::list(c, carol, 10, std::nullopt).empty());
    EXPECT_EQ(messages::unread_total(c, carol), 0);
    EXPECT_EQ(messages::request_count(c, carol), 1);
    const auto waiting = messages::requests(c, carol, 10);
    ASSERT_EQ(waiting.size(), 1u);
    EXPECT_EQ(waiting[0].entry.other_persona_name, "Bob Birch");
    ASSERT_TRUE(waiting[0].message.has_value());
    EXPECT_EQ(waiting[0].message->body, "may I write to you");
    // The sender sees their conversation, marked as waiting; it is no request of theirs.
    const auto mine = messages::list(c, bob, 10, std::nullopt);
    ASSERT_EQ(mine.size(), 1u);
    EXPECT_EQ(mine[0].request, messages::RequestState::sent);
    EXPECT_EQ(messages::request_count(c, bob), 0);
  });
  store().write([&](Connection& c) { messages::accept_request(c, id); });
  EXPECT_EQ(side(id, bob), messages::RequestState::none);
  EXPECT_EQ(side(id, carol), messages::RequestState::none);
  store().read([&](Connection& c) {
    EXPECT_EQ(messages::request_count(c, carol), 0);
    EXPECT_EQ(messages::list(c, carol, 10, std::nullopt).size(), 1u);
    EXPECT_EQ(messages::unread_total(c, carol), 1);
  });
}

TEST_F(MessagesStoreTest, ADeclinedRequestLeavesTheRecipientsSightAndTheSenderStillWaits) {
  const auto id = open_conversation(true);
  send(id, message(id, 1, bob, bob_p, 1000, "hello?"), carol);
  EXPECT_FALSE(store().write([&](Connection& c) { return messages::decline_request(c, id, bob); }));  // not his
  EXPECT_TRUE(store().write([&](Connection& c) { return messages::decline_request(c, id, carol); }));
  EXPECT_FALSE(store().write([&](Connection& c) { return messages::decline_request(c, id, carol); }));  // once
  EXPECT_EQ(side(id, carol), messages::RequestState::declined);
  EXPECT_EQ(side(id, bob), messages::RequestState::sent);  // exactly as before the decline
  store().read([&](Connection& c) {
    EXPECT_TRUE(messages::requests(c, carol, 10).empty());
    EXPECT_EQ(messages::request_count(c, carol), 0);
    EXPECT_TRUE(messages::list(c, carol, 10, std::nullopt).empty());
    EXPECT_EQ(messages::unread_total(c, carol), 0);
    EXPECT_EQ(messages::list(c, bob, 10, std::nullopt).at(0).request, messages::RequestState::sent);
  });
}

TEST_F(MessagesStoreTest, ABlockHidesARequestToo) {
  const auto id = open_conversation(true);
  send(id, message(id, 1, bob, bob_p, 1000, "hi"), carol);
  store().write([&](Connection& c) { persona_blocks::add(c, {bob, carol_p, carol, bob_p, g, 1}); });
  store().read([&](Connection& c) {
    EXPECT_TRUE(messages::requests(c, carol, 10).empty());
    EXPECT_EQ(messages::request_count(c, carol), 0);
  });
}

TEST_F(MessagesStoreTest, RequestStateNamesRoundTrip) {
  for (const auto s : {messages::RequestState::none, messages::RequestState::sent, messages::RequestState::received,
                       messages::RequestState::declined}) {
    EXPECT_EQ(messages::parse_request_state(messages::request_state_name(s)), s);
  }
  EXPECT_EQ(messages::parse_request_state("bogus"), messages::RequestState::none);
}

TEST_F(MessagesStoreTest, SettingDefaultsToMembersAndCanChange) {
  store().write([&](Connection& c) {
    EXPECT_EQ(message_settings::allow_of(c, bob_p), "members");
    message_settings::set(c, bob_p, bob, "nobody", 1);
    EXPECT_EQ(message_settings::allow_of(c, bob_p), "nobody");
    message_settings::set(c, bob_p, bob, "moderators", 2);
    EXPECT_EQ(message_settings::allow_of(c, bob_p), "moderators");
    EXPECT_EQ(message_settings::allow_of(c, carol_p), "members");
  });
}

}  // namespace
}  // namespace hearth
