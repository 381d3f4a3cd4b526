#pragma once
// Accessible form pieces: every input has a visible label, hints and errors are tied to it
// with aria-describedby, and an error summary at the top is announced to screen readers.
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/html.hpp"
#include "web/page_context.hpp"

namespace hearth {

struct Field {
  std::string_view name;
  std::string_view label;
  std::string_view type = "text";
  std::string_view autocomplete = "off";
  std::string_view hint = {};
  std::string value = {};
  std::string error = {};
  bool required = true;
  int max_length = 0;  // 0: none
};

void csrf_input(Html& h, const PageContext& context);
void input_field(Html& h, const Field& field);
struct Option {
  std::string value;
  std::string label;
  std::string group = {};  // consecutive options with the same group share an <optgroup>
};
void select_field(Html& h, const Field& field, const std::vector<Option>& options);
// A notice at the top of a form: role="alert" so screen readers announce it at once.
void error_summary(Html& h, const Error& error);
void notice(Html& h, std::string_view text);

}  // namespace hearth
