#include "safety/personal_details.hpp"

#include <gtest/gtest.h>

namespace hearth::safety {
namespace {

// The text of each detail found, "kind: text".
std::vector<std::string> details(std::string_view text) {
  std::vector<std::string> out;
  for (const PersonalDetail& d : find_personal_details(text)) {
    out.push_back(std::string(detail_kind_label(d.kind)) + ": " +
                  std::string(text.substr(d.span.begin, d.span.end - d.span.begin)));
  }
  return out;
}

using Found = std::vector<std::string>;

TEST(PersonalDetails, PhoneNumbers) {
  EXPECT_EQ(details("call her on 07700 900123 tonight"), Found{"phone number: 07700 900123"});
  EXPECT_EQ(details("+44 7700 900123"), Found{"phone number: +44 7700 900123"});
  EXPECT_EQ(details("ring (555) 555-0132."), Found{"phone number: (555) 555-0132"});
  EXPECT_EQ(details("his mobile is 07700900123"), Found{"phone number: 07700900123"});
  EXPECT_EQ(details("+1 415 555 2671"), Found{"phone number: +1 415 555 2671"});
}

TEST(PersonalDetails, NumbersThatAreNotPhones) {
  EXPECT_EQ(details("I was diagnosed in 2019 and again in 2021"), Found{});
  EXPECT_EQ(details("it cost $1,250,000 in 2020-2021"), Found{});
  EXPECT_EQ(details("pi is 3.14159265"), Found{});
  EXPECT_EQ(details("took 20 mg, then 40 mg, 3 times a day"), Found{});
  EXPECT_EQ(details("call 999 or 111"), Found{});
  EXPECT_EQ(details("order 123456789012 arrived"), Found{});  // long, unbroken, not a phone's shape
}

TEST(PersonalDetails, EmailAddresses) {
  EXPECT_EQ(details("write to sam.jones+care@example.co.uk."), Found{"email address: sam.jones+care@example.co.uk"});
  EXPECT_EQ(details("@ the meeting, me@home"), Found{});
}

TEST(PersonalDetails, RecordAndIdNumbers) {
  EXPECT_EQ(details("NHS 943 476 5919"), Found{"record or ID number: 943 476 5919"});  // valid checksum
  EXPECT_EQ(details("ref 943 476 5918"), Found{"phone number: 943 476 5918"});         // checksum fails: phone-shaped
  EXPECT_EQ(details("SSN 123-45-6789"), Found{"record or ID number: 123-45-6789"});
  EXPECT_EQ(details("her MRN is A1234567"), Found{"record or ID number: A1234567"});
  EXPECT_EQ(details("Hospital number: RX-2231-77 and more"), Found{"record or ID number: RX-2231-77"});
  EXPECT_EQ(details("patient ID 55 1234"), Found{"record or ID number: 55 1234"});
  EXPECT_EQ(details("NI number AB 12 34 56 C"), Found{"record or ID number: AB 12 34 56 C"});
  EXPECT_EQ(details("AB123456C"), Found{"record or ID number: AB123456C"});
  EXPECT_EQ(details("my case number? I forgot it"), Found{});
  EXPECT_EQ(details("the record number was high"), Found{});
}

TEST(PersonalDetails, StreetAddressesAndPostcodes) {
  EXPECT_EQ(details("she lives at 221B Baker Street, London"), Found{"address: 221B Baker Street"});
  EXPECT_EQ(details("12 Elm Rd"), Found{"address: 12 Elm Rd"});
  EXPECT_EQ(details("postcode SW1A 1AA please"), Found{"address: SW1A 1AA"});
  EXPECT_EQ(details("M1 1AE"), Found{"address: M1 1AE"});
  EXPECT_EQ(details("I walked 5 miles down the road"), Found{});
  EXPECT_EQ(details("the M25 was closed"), Found{});
  EXPECT_EQ(details("3 Good Things"), Found{});
}

TEST(PersonalDetails, DatesOfBirth) {
  EXPECT_EQ(details("born on 3 March 1985"), Found{"date of birth: 3 March 1985"});
  EXPECT_EQ(details("DOB: 12/03/1985"), Found{"date of birth: 12/03/1985"});
  EXPECT_EQ(details("his birthday is March 3rd, 1985"), Found{"date of birth: March 3rd, 1985"});
  EXPECT_EQ(details("date of birth 1985-03-12"), Found{"date of birth: 1985-03-12"});
  EXPECT_EQ(details("she was born on the 21st of June"), Found{"date of birth: 21st of June"});
  EXPECT_EQ(details("my appointment is on 12/03/2025"), Found{});  // a date, but nobody's birth
  EXPECT_EQ(details("I was born in a small town"), Found{});
}

}  // namespace
}  // namespace hearth::safety
