#pragma once
// The group management page (group_manage_page.cpp) and its form handlers
// (group_manage_forms.cpp) share these.
#include <optional>
#include <string_view>

#include "actions/group_lookup.hpp"
#include "actions/membership.hpp"
#include "web/page_context.hpp"

namespace hearth {

Response manage_page(PageContext& context);
// Re-renders the page after a form: `error` is shown in `section` ("" for the top),
// `draft` replaces the stored settings, `invite` is a freshly made link shown once.
Response render_manage_page(PageContext& context, const GroupInView& view, const std::optional<Error>& error,
                            std::string_view section, const std::optional<GroupDraft>& draft = std::nullopt,
                            const std::optional<NewInvite>& invite = std::nullopt);

}  // namespace hearth
