#include "domain/context_note.hpp"

#include <algorithm>
#include <string>

#include "core/ascii.hpp"
#include "core/text.hpp"

namespace hearth {
namespace {

// The authority (host and port) after the scheme, up to the path, query or fragment.
std::string_view authority_of(std::string_view url) {
  const std::size_t start = url.find("://");
  if (start == std::string_view::npos) return {};
  std::string_view rest = url.substr(start + 3);
  return rest.substr(0, rest.find_first_of("/?#"));
}

bool valid_host(std::string_view authority) {
  std::string_view host = authority;
  if (const std::size_t colon = host.rfind(':'); colon != std::string_view::npos) {
    const std::string_view port = host.substr(colon + 1);
    if (port.empty() || port.size() > 5 ||
        !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return false;
    }
    if (std::stoi(std::string(port)) > 65535) return false;
    host = host.substr(0, colon);
  }
  if (host.empty() || host.size() > 253 || host.find('.') == std::string_view::npos) return false;
  if (host.front() == '.' || host.back() == '.' || host.front() == '-') return false;
  return std::all_of(host.begin(), host.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
  });
}

}  // namespace

bool is_valid_source_url(std::string_view url) {
  if (url.empty() || url.size() > max_source_length) return false;
  if (!ascii::istarts_with(url, "http://") && !ascii::istarts_with(url, "https://")) return false;
  // Printable ASCII only: no spaces, quotes or angle brackets that could break out of a link.
  for (const char c : url) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f || c == '"' || c == '<' || c == '>' || c == '\\' || c == '`') return false;
  }
  // "https://nhs.uk@evil.example" reads like one site and goes to another: no login parts.
  const std::string_view authority = authority_of(url);
  if (authority.find('@') != std::string_view::npos) return false;
  return valid_host(authority);
}

std::string source_host(std::string_view url) {
  std::string host(authority_of(url));
  return to_lower_ascii(host);
}

std::vector<std::string> split_sources(std::string_view text) {
  std::vector<std::string> sources;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = trim(text.substr(start, end - start));
    if (!line.empty()) sources.emplace_back(line);
    start = end + 1;
  }
  return sources;
}

Result<NoteDraft> validate_note(NoteDraft draft) {
  std::string body(trim(draft.body));
  std::string cleaned;
  for (const char c : body) {
    if (c != '\r') cleaned += c;  // line breaks as the browser sends them (\r\n) become \n
  }
  const bool controls = std::any_of(cleaned.begin(), cleaned.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 && c != '\n';
  });
  if (!is_valid_utf8(cleaned) || controls) {
    return make_error(ErrorCode::invalid_input, "Please write the note as plain text.", "body");
  }
  if (utf8_length(cleaned) < min_note_length) {
    return make_error(ErrorCode::invalid_input,
                      "Please write a sentence or two of context (at least 10 characters).", "body");
  }
  if (utf8_length(cleaned) > max_note_length) {
    return make_error(ErrorCode::invalid_input, "Please keep the note to 1,000 characters. Sources say the rest.",
                      "body");
  }
  std::vector<std::string> sources;
  for (const auto& raw : draft.sources) {
    std::string source(trim(raw));
    if (source.empty()) continue;
    if (!is_valid_source_url(source)) {
      return make_error(ErrorCode::invalid_input,
                        "\"" + source.substr(0, 80) +
                            "\" doesn't look like a web address. Please give each source as a full address "
                            "starting with https:// (or http://).",
                        "sources");
    }
    if (std::find(sources.begin(), sources.end(), source) == sources.end()) sources.push_back(std::move(source));
  }
  if (sources.empty()) {
    return make_error(ErrorCode::invalid_input,
                      "Please add at least one source, so readers can check the context for themselves.", "sources");
  }
  if (sources.size() > max_note_sources) {
    return make_error(ErrorCode::invalid_input, "Please give at most 5 sources: the ones that matter most.",
                      "sources");
  }
  return NoteDraft{std::move(cleaned), std::move(sources)};
}

}  // namespace hearth
