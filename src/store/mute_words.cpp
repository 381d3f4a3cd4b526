#include "store/mute_words.hpp"

#include "core/random.hpp"

namespace hearth::mute_words {

std::vector<MuteWord> list(Connection& c, AccountId account) {
  return c.all<MuteWord>("SELECT id, phrase, created_at FROM mute_words WHERE account_id = ? ORDER BY created_at, id",
                         {account}, [](const Row& r) {
                           return MuteWord{r.i64(0), r.text(1), r.i64(2)};
                         });
}

int64_t count(Connection& c, AccountId account) {
  return c.first_i64("SELECT COUNT(*) FROM mute_words WHERE account_id = ?", {account}).value_or(0);
}

std::optional<int64_t> add(Connection& c, AccountId account, std::string_view phrase, std::string_view phrase_key,
                           UnixMillis at) {
  const int64_t id = random_id();
  c.run(
      "INSERT INTO mute_words (id, account_id, phrase, phrase_key, created_at) VALUES (?, ?, ?, ?, ?)"
      " ON CONFLICT (account_id, phrase_key) DO NOTHING",
      {id, account, std::string(phrase), std::string(phrase_key), at});
  if (c.changes() == 0) return std::nullopt;
  return id;
}

bool remove(Connection& c, AccountId account, int64_t id) {
  c.run("DELETE FROM mute_words WHERE id = ? AND account_id = ?", {id, account});
  return c.changes() > 0;
}

}  // namespace hearth::mute_words
