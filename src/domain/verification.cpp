#include "domain/verification.hpp"

#include "core/text.hpp"

namespace hearth {

std::string_view verification_kind_name(VerificationKind kind) {
  return kind == VerificationKind::health_professional ? "health_professional" : "peer_volunteer";
}

std::optional<VerificationKind> parse_verification_kind(std::string_view name) {
  if (name == "health_professional") return VerificationKind::health_professional;
  if (name == "peer_volunteer") return VerificationKind::peer_volunteer;
  return std::nullopt;
}

std::string_view verification_kind_label(VerificationKind kind) {
  return kind == VerificationKind::health_professional ? "Health professional" : "Trained peer volunteer";
}

std::string badge_label(const Badge& badge) {
  if (badge.kind == VerificationKind::peer_volunteer) return "Trained peer volunteer";
  return "Verified " + badge.profession;
}

std::string note_from_label(const Badge& badge) {
  if (badge.kind == VerificationKind::peer_volunteer) return "Context from a trained peer volunteer";
  return "Context from a verified " + badge.profession;
}

namespace {

Result<std::string> plain_line(std::string_view raw, std::size_t max, bool required, std::string_view field,
                               std::string_view what) {
  std::string text(trim(raw));
  if (!is_valid_utf8(text) || has_control_characters(text) || utf8_length(text) > max) {
    return make_error(ErrorCode::invalid_input,
                      "Please write the " + std::string(what) + " as a short line of plain text, at most " +
                          std::to_string(max) + " characters.",
                      std::string(field));
  }
  if (required && text.empty()) {
    return make_error(ErrorCode::invalid_input, "Please fill in the " + std::string(what) + ".", std::string(field));
  }
  return text;
}

}  // namespace

Result<VerificationDraft> validate_verification(VerificationDraft draft) {
  const bool professional = draft.kind == VerificationKind::health_professional;
  auto profession = plain_line(draft.profession, max_profession_length, professional, "profession",
                               "profession (for example \"nurse\")");
  if (!profession) return profession.error();
  auto jurisdiction = plain_line(draft.jurisdiction, max_jurisdiction_length, true, "jurisdiction",
                                 "country or region where they are registered or trained");
  if (!jurisdiction) return jurisdiction.error();
  draft.profession = professional ? to_lower_ascii(*profession) : std::string();
  draft.jurisdiction = std::move(*jurisdiction);
  return draft;
}

}  // namespace hearth
