#pragma once
// Spotting personal details in what a member wrote: phone numbers, email addresses, street
// addresses and postcodes, dates of birth, and record or ID numbers (NHS numbers,
// SSN-like numbers, National Insurance numbers, numbers after "MRN", "hospital number",
// "patient ID" …). Plain scanners over the original text (formats, checksums and context
// words are easier to read as code than as one more pattern set); full names need the
// names list and live in third_party_guard.
#include <string_view>
#include <vector>

#include "safety/normalize.hpp"

namespace hearth::safety {

enum class DetailKind { phone_number, email_address, street_address, date_of_birth, id_number, full_name };
std::string_view detail_kind_label(DetailKind kind);  // "phone number", "email address", …

struct PersonalDetail {
  DetailKind kind = DetailKind::phone_number;
  Span span;  // in the original text
};

std::vector<PersonalDetail> find_email_addresses(std::string_view text);
// Phone numbers, NHS numbers (checksum-valid) and SSN-like numbers (ddd-dd-dddd).
std::vector<PersonalDetail> find_numbers(std::string_view text);
// Numbers after words that name a record: "MRN 12345678", "hospital number: A123456".
std::vector<PersonalDetail> find_record_numbers(std::string_view text);
std::vector<PersonalDetail> find_street_addresses(std::string_view text);
// A date after "born", "DOB", "date of birth", "birthday".
std::vector<PersonalDetail> find_dates_of_birth(std::string_view text);

// All of the above, ordered by position.
std::vector<PersonalDetail> find_personal_details(std::string_view text);

}  // namespace hearth::safety
