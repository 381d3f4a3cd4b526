#include "policy/context_notes.hpp"

#include <gtest/gtest.h>

namespace hearth {
namespace {

GroupViewer viewer(Role role, MembershipStatus status = MembershipStatus::active) {
  Membership m;
  m.role = role;
  m.status = status;
  return GroupViewer{AccountId{7}, m};
}

TEST(ContextNotesPolicyTest, VerifiedMembersAndModeratorsWriteNotes) {
  EXPECT_TRUE(can_write_note(Privacy::public_group, viewer(Role::member), true));
  EXPECT_FALSE(can_write_note(Privacy::public_group, viewer(Role::member), false));
  EXPECT_TRUE(can_write_note(Privacy::public_group, viewer(Role::moderator), false));
  EXPECT_FALSE(can_write_note(Privacy::public_group, viewer(Role::member, MembershipStatus::banned), true));
  EXPECT_FALSE(can_write_note(Privacy::public_group, GroupViewer{AccountId{7}, std::nullopt}, true))
      << "verified, but not a member of this group";
}

TEST(ContextNotesPolicyTest, MembersRateOthersNotesAndSeeWhatWaits) {
  EXPECT_TRUE(can_rate_note(Privacy::private_group, viewer(Role::member), false));
  EXPECT_FALSE(can_rate_note(Privacy::private_group, viewer(Role::member), true)) << "not one's own note";
  EXPECT_FALSE(can_rate_note(Privacy::public_group, GroupViewer{}, false)) << "guests read, they don't rate";
  EXPECT_FALSE(can_see_pending_notes(Privacy::public_group, GroupViewer{}));
  EXPECT_TRUE(can_see_pending_notes(Privacy::public_group, viewer(Role::member)));
  EXPECT_FALSE(can_moderate_notes(viewer(Role::member)));
  EXPECT_TRUE(can_moderate_notes(viewer(Role::admin)));
}

TEST(ContextNotesPolicyTest, ANoteShowsFromAVerifiedBadgeOrEnoughHelpfulRatings) {
  EXPECT_TRUE(note_is_shown(true, 0, 0));
  EXPECT_FALSE(note_is_shown(false, 2, 0));
  EXPECT_TRUE(note_is_shown(false, 3, 2));
  EXPECT_FALSE(note_is_shown(false, 3, 3)) << "as many found it unhelpful";
  EXPECT_FALSE(shows_badge_on_post(true));
  EXPECT_TRUE(shows_badge_on_post(false));
}

}  // namespace
}  // namespace hearth
