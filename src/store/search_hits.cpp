#include "store/search_hits.hpp"

namespace hearth::search {

Hit hit_from_row(const Row& r) {
  Hit h;
  h.post_id = r.i64(0);
  h.thread_id = r.i64(1);
  h.group_id = r.i64(2);
  h.group_slug = r.text(3);
  h.group_name = r.text(4);
  h.thread_title = r.text(5);
  h.is_opening_post = r.i64(6) != 0;
  h.author.anonymous = r.i64(7) != 0;
  if (h.author.anonymous) {
    h.author.anonymous_label = r.text(8);
  } else if (!r.is_null(9)) {
    h.author.persona_id = r.i64(9);
    h.author.persona_name = r.text(10);
  }
  h.created_at = r.i64(11);
  return h;
}

}  // namespace hearth::search
