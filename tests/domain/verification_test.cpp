#include "domain/verification.hpp"

#include <gtest/gtest.h>

namespace hearth {
namespace {

TEST(VerificationRulesTest, BadgesSayWhatTheMemberIsAndNothingMore) {
  EXPECT_EQ(badge_label({VerificationKind::health_professional, "nurse"}), "Verified nurse");
  EXPECT_EQ(badge_label({VerificationKind::peer_volunteer, ""}), "Trained peer volunteer");
  EXPECT_EQ(note_from_label({VerificationKind::health_professional, "pharmacist"}),
            "Context from a verified pharmacist");
  EXPECT_EQ(note_from_label({VerificationKind::peer_volunteer, ""}), "Context from a trained peer volunteer");
}

TEST(VerificationRulesTest, ValidatesProfessionAndJurisdiction) {
  auto ok = validate_verification({VerificationKind::health_professional, "  Nurse ", " Scotland "});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->profession, "nurse");
  EXPECT_EQ(ok->jurisdiction, "Scotland");
  EXPECT_EQ(validate_verification({VerificationKind::health_professional, "", "Scotland"}).error().field,
            "profession");
  EXPECT_EQ(validate_verification({VerificationKind::peer_volunteer, "", ""}).error().field, "jurisdiction");
  auto volunteer = validate_verification({VerificationKind::peer_volunteer, "ignored", "Kenya"});
  ASSERT_TRUE(volunteer.ok());
  EXPECT_EQ(volunteer->profession, "") << "a peer volunteer's badge names no profession";
  EXPECT_FALSE(validate_verification({VerificationKind::health_professional, std::string(61, 'a'), "X"}).ok());
  EXPECT_EQ(parse_verification_kind("peer_volunteer"), VerificationKind::peer_volunteer);
  EXPECT_FALSE(parse_verification_kind("doctor").has_value());
}

}  // namespace
}  // namespace hearth
