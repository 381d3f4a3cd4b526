#include "web/pages/recovery_codes_view.hpp"

namespace hearth {

void recovery_codes_view(Html& h, const std::vector<std::string>& codes) {
  h.m("<section class=\"card\" aria-labelledby=\"codes\"><h2 id=\"codes\">Your recovery codes</h2>"
      "<p>If you forget your password, one of these codes lets you set a new one. Each works once. "
      "Write them down or keep them somewhere safe — <strong>this is the only time we can show them</strong>, "
      "because we only keep a scrambled copy.</p><ol class=\"recovery-codes\">");
  for (const auto& code : codes) h.m("<li><code class=\"recovery-code\">").t(code).m("</code></li>");
  h.m("</ol></section>");
}

}  // namespace hearth
