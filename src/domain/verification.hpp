#pragma once
// Verified members: a platform admin has checked (outside Hearth: the evidence is never
// stored) that a member is a health professional or a trained peer volunteer. The badge that
// says so shows only with the personas the member chooses (selective disclosure), and never
// on an anonymous post.
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/account.hpp"

namespace hearth {

enum class VerificationKind { health_professional, peer_volunteer };
std::string_view verification_kind_name(VerificationKind kind);  // "health_professional", "peer_volunteer"
std::optional<VerificationKind> parse_verification_kind(std::string_view name);
std::string_view verification_kind_label(VerificationKind kind);  // "Health professional", …

// What a badge says, and nothing more: no verification id, no jurisdiction, no date, so a
// badge shown with two personas carries nothing that links them beyond its own words.
struct Badge {
  VerificationKind kind = VerificationKind::health_professional;
  std::string profession;  // health professionals: "nurse"; empty for peer volunteers
};
std::string badge_label(const Badge& badge);      // "Verified nurse", "Trained peer volunteer"
std::string note_from_label(const Badge& badge);  // "Context from a verified nurse"

struct VerificationDraft {
  VerificationKind kind = VerificationKind::health_professional;
  std::string profession;
  std::string jurisdiction;
};
inline constexpr std::size_t max_profession_length = 60;
inline constexpr std::size_t max_jurisdiction_length = 80;
// Trims both; a health professional needs a profession, everyone a jurisdiction. Plain text.
Result<VerificationDraft> validate_verification(VerificationDraft draft);

}  // namespace hearth
