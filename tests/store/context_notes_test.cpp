#include "store/context_notes.hpp"

#include <gtest/gtest.h>

#include "actions/conversations_fixture.hpp"
#include "core/random.hpp"
#include "store/note_ratings.hpp"
#include "store/verifications.hpp"

namespace hearth {
namespace {

class ContextNotesStoreTest : public testing::ConversationTest {
 protected:
  void SetUp() override {
    owner_ = account("owner");
    writer_ = account("writer");
    group_ = group(owner_, "Night owls", "public");
    persona_ = member(writer_, group_, "Quiet Harbour");
    thread_ = start(owner_, group_, "Sleep", "Melatonin cures everything.");
  }
  NoteId add(PostId post, AccountId author, PersonaId persona) {
    const NoteId id = random_id();
    store().write([&](Connection& c) {
      context_notes::insert(c, {id, group_, thread_.thread_id, post, author, persona, false,
                                {"It helps some people fall asleep; it cures nothing.",
                                 {"https://www.nhs.uk/a", "https://example.org/b"}},
                                clock().now()});
    });
    return id;
  }
  void rate(NoteId note, AccountId who, bool helpful) {
    store().write([&](Connection& c) { note_ratings::rate(c, note, group_, who, helpful, clock().now()); });
  }
  context_notes::Note note(NoteId id) {
    return *store().read([&](Connection& c) { return context_notes::find(c, id); });
  }
  AccountId owner_ = 0, writer_ = 0;
  GroupId group_ = 0;
  PersonaId persona_ = 0;
  NewThread thread_;
};

TEST_F(ContextNotesStoreTest, KeepsBodyAndSourcesAndCountsRatingsOncePerAccount) {
  const NoteId id = add(thread_.post_id, writer_, persona_);
  const AccountId a = account("a"), b = account("b");
  rate(id, a, true);
  rate(id, a, true);
  rate(id, b, true);
  rate(id, b, false);  // changed their mind
  const auto n = note(id);
  EXPECT_EQ(n.body, "It helps some people fall asleep; it cures nothing.");
  EXPECT_EQ(n.sources, (std::vector<std::string>{"https://www.nhs.uk/a", "https://example.org/b"}));
  EXPECT_EQ(n.helpful, 1);
  EXPECT_EQ(n.not_helpful, 1);
  EXPECT_EQ(store().read([&](Connection& c) { return note_ratings::rating_of(c, id, b); }), false);
  EXPECT_TRUE(store().write([&](Connection& c) { return note_ratings::unrate(c, id, b); }));
  EXPECT_EQ(note(id).not_helpful, 0);
}

TEST_F(ContextNotesStoreTest, TheAuthorsBadgeFollowsTheirPersonaNow) {
  const NoteId id = add(thread_.post_id, writer_, persona_);
  EXPECT_FALSE(note(id).author_badge.has_value());
  store().write([&](Connection& c) {
    verifications::upsert(c, writer_, {VerificationKind::health_professional, "nurse", "Wales"}, owner_, 1);
    verifications::show_badge(c, persona_, writer_, 1);
  });
  ASSERT_TRUE(note(id).author_badge.has_value());
  EXPECT_EQ(note_from_label(*note(id).author_badge), "Context from a verified nurse");
  store().write([&](Connection& c) { verifications::hide_badge(c, persona_); });
  EXPECT_FALSE(note(id).author_badge.has_value()) << "hidden again: the note no longer speaks for a nurse";
}

TEST_F(ContextNotesStoreTest, RemovedNotesLeaveTheThreadAndThePost) {
  const PostId reply_id = reply(owner_, thread_.thread_id, std::nullopt, "Me too.");
  const NoteId kept = add(thread_.post_id, writer_, persona_);
  const NoteId gone = add(reply_id, writer_, persona_);
  EXPECT_TRUE(store().read([&](Connection& c) { return context_notes::has_note_by(c, group_, reply_id, writer_); }));
  store().write([&](Connection& c) { context_notes::mark_removed(c, gone, owner_, 9); });
  const auto in_thread =
      store().read([&](Connection& c) { return context_notes::in_thread(c, group_, thread_.thread_id); });
  ASSERT_EQ(in_thread.size(), 1u);
  EXPECT_EQ(in_thread[0].id, kept);
  EXPECT_TRUE(store().read([&](Connection& c) { return context_notes::on_post(c, group_, reply_id); }).empty());
  EXPECT_FALSE(store().read([&](Connection& c) { return context_notes::has_note_by(c, group_, reply_id, writer_); }));
  EXPECT_TRUE(note(gone).removed_at.has_value());
}

TEST_F(ContextNotesStoreTest, NeedsContextLabelsAreSetOnceAndTakenOff) {
  EXPECT_TRUE(store().write([&](Connection& c) {
    return context_notes::label(c, group_, thread_.thread_id, thread_.post_id, owner_, 1);
  }));
  EXPECT_FALSE(store().write([&](Connection& c) {
    return context_notes::label(c, group_, thread_.thread_id, thread_.post_id, owner_, 2);
  }));
  EXPECT_EQ(store().read([&](Connection& c) { return context_notes::labelled_in_thread(c, group_, thread_.thread_id); }),
            std::set<PostId>{thread_.post_id});
  EXPECT_TRUE(store().write([&](Connection& c) { return context_notes::unlabel(c, group_, thread_.post_id); }));
  EXPECT_FALSE(store().read([&](Connection& c) { return context_notes::is_labelled(c, group_, thread_.post_id); }));
}

TEST_F(ContextNotesStoreTest, AnAccountsRatingsOnAPost) {
  const NoteId one = add(thread_.post_id, writer_, persona_);
  const NoteId two = add(thread_.post_id, owner_, 0);
  const AccountId reader = account("reader");
  rate(one, reader, true);
  rate(two, reader, false);
  const auto mine =
      store().read([&](Connection& c) { return note_ratings::ratings_on_post(c, group_, thread_.post_id, reader); });
  EXPECT_EQ(mine, (std::map<NoteId, bool>{{one, true}, {two, false}}));
}

}  // namespace
}  // namespace hearth
