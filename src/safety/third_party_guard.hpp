#pragma once
// The third-party guard: before a title, post or reply is published, spot details about
// other people — phone numbers, email addresses, addresses, dates of birth, record or ID
// numbers and full names — and ask the author to reconsider, with the spans highlighted.
// In a group that chose "strict", such posts are held for a moderator instead.
//
// Full names are capitalised "First Last" pairs whose first word is a common given name
// (data/names/first_names.txt), or a title and a surname ("Dr Patel", "Mrs Jones"),
// unless the pair is one of the author's persona names or a pseudonym in the conversation.
// Direct messages are not checked: sharing your own number with a friend is what they are for.
#include <string>
#include <unordered_set>
#include <vector>

#include "safety/filter.hpp"
#include "safety/personal_details.hpp"

namespace hearth::safety {

class ThirdPartyGuard final : public Filter {
 public:
  ThirdPartyGuard();  // with the embedded names lists
  ThirdPartyGuard(const std::vector<std::string>& first_names, const std::vector<std::string>& not_surnames);

  std::string_view name() const override { return "third_party"; }
  void check(const FilterInput& input, const NormalizedText& text, std::vector<Finding>& findings) const override;

  // Every detail found, full names included, ordered by position.
  std::vector<PersonalDetail> find(const FilterInput& input) const;
  std::vector<PersonalDetail> find_full_names(const FilterInput& input) const;

 private:
  bool is_first_name(std::string_view word) const;
  bool is_surname(std::string_view word) const;

  std::unordered_set<std::string> first_names_;
  std::unordered_set<std::string> not_surnames_;
};

inline constexpr std::string_view third_party_message =
    "This seems to include someone else's details, like a name, a phone number or an address. "
    "To protect their privacy, would you like to take them out? You can also post it as it is.";
inline constexpr std::string_view third_party_held_message =
    "This seems to include someone else's details, like a name, a phone number or an address. "
    "This group asks a moderator to look at posts like this first, so it will appear once they have. "
    "You can edit it to take the details out.";

}  // namespace hearth::safety
