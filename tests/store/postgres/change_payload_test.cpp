// The payload of a NOTIFY between nodes: what one node writes, another reads back exactly;
// anything unreadable is taken as "everything changed" (safe), never as nothing.
#include "store/postgres/change_payload.hpp"

#include <gtest/gtest.h>

#include "store/postgres/primary_position.hpp"

namespace hearth::postgres {
namespace {

using Kind = ChangeNotice::Kind;

TEST(ChangePayloadTest, RoundTripsEveryKindWithThePosition) {
  const std::vector<ChangeNotice> notices = {{Kind::thread, 812, 77},
                                             {Kind::thread, 9, 0},
                                             {Kind::group, 77, 0},
                                             {Kind::account, 5, 0},
                                             {Kind::everything, 0, 0}};
  const auto payloads = encode_changes("5f2a9c0e41d7b3a8", notices);
  ASSERT_EQ(payloads.size(), 1u);
  EXPECT_EQ(payloads[0], "@5f2a9c0e41d7b3a8 t:812:77 t:9:0 g:77 a:5 *");
  const DecodedPayload decoded = decode_payload("16/B374D848 " + payloads[0]);
  ASSERT_TRUE(decoded.lsn.has_value());
  EXPECT_EQ(*decoded.lsn, (uint64_t{0x16} << 32) | 0xB374D848u);
  EXPECT_EQ(decoded.origin, "5f2a9c0e41d7b3a8");
  EXPECT_EQ(decoded.notices, notices);
  EXPECT_TRUE(encode_changes("5f2a9c0e41d7b3a8", {}).empty());
}

TEST(ChangePayloadTest, SplitsLongListsUnderTheLimit) {
  std::vector<ChangeNotice> notices;
  for (int64_t i = 0; i < 2000; ++i) notices.push_back({Kind::thread, 4'000'000'000'000'000 + i, 1234567890123});
  const auto payloads = encode_changes("ab", notices);
  ASSERT_GT(payloads.size(), 1u);
  std::vector<ChangeNotice> back;
  for (const std::string& payload : payloads) {
    EXPECT_LE(payload.size(), 7000u);
    const auto decoded = decode_payload("0/1 " + payload);
    EXPECT_EQ(decoded.origin, "ab");
    back.insert(back.end(), decoded.notices.begin(), decoded.notices.end());
  }
  EXPECT_EQ(back, notices);
}

TEST(ChangePayloadTest, AnythingUnreadableMeansEverything) {
  const auto decoded = decode_payload("0/1 g:12 x:what t:1 g:");
  ASSERT_EQ(decoded.notices.size(), 2u);
  EXPECT_EQ(decoded.notices[0], (ChangeNotice{Kind::group, 12, 0}));
  EXPECT_EQ(decoded.notices[1].kind, Kind::everything);
}

TEST(ChangePayloadTest, WithoutAPositionTheChangesStillCount) {
  const auto decoded = decode_payload("g:3");
  EXPECT_FALSE(decoded.lsn.has_value());
  EXPECT_EQ(decoded.origin, "");
  ASSERT_EQ(decoded.notices.size(), 1u);
  EXPECT_EQ(decoded.notices[0], (ChangeNotice{Kind::group, 3, 0}));
}

TEST(ChangePayloadTest, ParsesWalPositions) {
  EXPECT_EQ(parse_lsn("0/0"), 0u);
  EXPECT_EQ(parse_lsn("1/0"), uint64_t{1} << 32);
  EXPECT_EQ(parse_lsn("FFFFFFFF/FFFFFFFF"), UINT64_MAX);
  EXPECT_FALSE(parse_lsn("").has_value());
  EXPECT_FALSE(parse_lsn("12").has_value());
  EXPECT_FALSE(parse_lsn("1/").has_value());
  EXPECT_FALSE(parse_lsn("1/x").has_value());
}

TEST(PrimaryPositionTest, APositionJustPastAPageHeaderIsThePageBoundary) {
  constexpr uint64_t block = 8192;
  constexpr uint64_t segment = 16u << 20;
  // After a record that ended exactly at a page boundary, pg_current_wal_insert_lsn() is
  // past the next page's header; a replica that replayed everything reports the boundary.
  EXPECT_EQ(end_of_last_record(3 * block + 24, block, segment), 3 * block);
  EXPECT_EQ(end_of_last_record(2 * segment + 40, block, segment), 2 * segment);
  // Anywhere else the position is where the last record ended.
  EXPECT_EQ(end_of_last_record(3 * block + 48, block, segment), 3 * block + 48);
  EXPECT_EQ(end_of_last_record(3 * block + 40, block, segment), 3 * block + 40);  // not a segment's first page
  EXPECT_EQ(end_of_last_record(2 * segment + 24, block, segment), 2 * segment + 24);
  EXPECT_EQ(end_of_last_record(12345, 0, 0), 12345u);  // sizes not known yet: unchanged
}

TEST(PrimaryPositionTest, OnlyEverGrows) {
  PrimaryPosition position;
  position.raise(10);
  position.raise(5);
  EXPECT_EQ(position.required(), 10u);
  position.raise(11);
  EXPECT_EQ(position.required(), 11u);
}

}  // namespace
}  // namespace hearth::postgres
