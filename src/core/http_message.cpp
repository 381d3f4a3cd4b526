#include "core/http_message.hpp"

#include <array>

#include "core/ascii.hpp"
#include "core/text.hpp"

namespace hearth {
namespace {

// Header names are ASCII tokens, so an ASCII-only fold is both correct and locale-free.
using ascii::iequals;

std::optional<std::string_view> find_header(const HeaderList& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (iequals(key, name)) return std::string_view(value);
  }
  return std::nullopt;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The byte encoded by "%XY" at text[at], or -1 when it is not a valid escape.
int escaped_byte(std::string_view text, std::size_t at) {
  if (at + 2 >= text.size()) return -1;
  int hi = hex_value(text[at + 1]);
  int lo = hex_value(text[at + 2]);
  return (hi < 0 || lo < 0) ? -1 : hi * 16 + lo;
}

// Decodes what it can: a '%' not followed by two hex digits is kept as typed, because a
// form field is user input and "100%" must not make the whole submission fail.
std::string lenient_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    int byte = c == '%' ? escaped_byte(text, i) : -1;
    if (byte >= 0) {
      out.push_back(static_cast<char>(byte));
      i += 2;
    } else {
      out.push_back(c == '+' ? ' ' : c);
    }
  }
  return out;
}

// Calls visit(raw_key, raw_value) for every non-empty '&'-separated pair until it
// returns true. Shared by parse_form and query_value so both split identically.
template <class Visit>
void for_each_pair(std::string_view text, Visit visit) {
  while (!text.empty()) {
    std::size_t amp = text.find('&');
    std::string_view piece = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view{} : text.substr(amp + 1);
    if (piece.empty()) continue;
    std::size_t eq = piece.find('=');
    std::string_view key = piece.substr(0, eq);
    std::string_view value = eq == std::string_view::npos ? std::string_view{} : piece.substr(eq + 1);
    if (visit(key, value)) return;
  }
}

// RFC 6265 cookie-octet: printable ASCII except space, '"', ',', ';' and '\'.
bool is_cookie_octet(unsigned char c) {
  return c == 0x21 || (c >= 0x23 && c <= 0x2B) || (c >= 0x2D && c <= 0x3A) || (c >= 0x3C && c <= 0x5B) ||
         (c >= 0x5D && c <= 0x7E);
}

bool is_unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

void append_escape(std::string& out, unsigned char c) {
  static constexpr char digits[] = "0123456789ABCDEF";
  out.push_back('%');
  out.push_back(digits[c >> 4]);
  out.push_back(digits[c & 0xF]);
}

}  // namespace

const char* method_name(Method method) {
  switch (method) {
    case Method::get:
      return "GET";
    case Method::head:
      return "HEAD";
    case Method::post:
      return "POST";
    case Method::put:
      return "PUT";
    case Method::patch:
      return "PATCH";
    case Method::delete_:
      return "DELETE";
    case Method::options:
      return "OPTIONS";
    case Method::other:
      return "OTHER";
  }
  return "OTHER";
}

// Method names are case-sensitive (RFC 9110 section 9.1): "get" is not GET.
Method parse_method(std::string_view name) {
  static constexpr std::array<Method, 7> known = {Method::get,   Method::head,    Method::post,   Method::put,
                                                  Method::patch, Method::delete_, Method::options};
  for (Method m : known) {
    if (name == method_name(m)) return m;
  }
  return Method::other;
}

std::optional<std::string_view> Request::header(std::string_view name) const {
  return find_header(headers, name);
}

std::optional<std::string> Request::cookie(std::string_view name) const {
  // Browsers send one Cookie header, but HTTP/2 proxies may split it into several.
  for (const auto& [key, value] : headers) {
    if (!iequals(key, "Cookie")) continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      std::size_t semi = rest.find(';');
      std::string_view pair = trim(rest.substr(0, semi));
      rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
      std::size_t eq = pair.find('=');
      if (eq == std::string_view::npos || trim(pair.substr(0, eq)) != name) continue;
      std::string_view v = trim(pair.substr(eq + 1));
      if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
      return std::string(v);
    }
  }
  return std::nullopt;
}

std::optional<std::string> Request::param(std::string_view name) const {
  for (const auto& [key, value] : params) {
    if (key == name) return value;
  }
  return std::nullopt;
}

std::optional<std::string> Request::query_value(std::string_view name) const {
  std::optional<std::string> found;
  for_each_pair(query, [&](std::string_view key, std::string_view value) {
    // Most keys need no decoding; compare raw first to avoid an allocation per pair.
    bool plain = key.find_first_of("%+") == std::string_view::npos;
    if (plain ? key == name : lenient_decode(key) == name) {
      found = lenient_decode(value);
      return true;
    }
    return false;
  });
  return found;
}

void Response::set_header(std::string name, std::string value) {
  // Content-Type has its own member; keeping a single source of truth avoids two values.
  if (iequals(name, "Content-Type")) {
    content_type = std::move(value);
    return;
  }
  bool replaced = false;
  for (auto it = headers.begin(); it != headers.end();) {
    if (!iequals(it->first, name)) {
      ++it;
    } else if (!replaced) {
      it->second = std::move(value);
      replaced = true;
      ++it;
    } else {
      it = headers.erase(it);
    }
  }
  if (!replaced) headers.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string_view> Response::header(std::string_view name) const {
  if (iequals(name, "Content-Type")) {
    if (content_type.empty()) return std::nullopt;
    return std::string_view(content_type);
  }
  return find_header(headers, name);
}

Response redirect_see_other(std::string location) {
  Response response;
  response.status = 303;
  response.headers.emplace_back("Location", std::move(location));
  return response;
}

std::string format_set_cookie(std::string_view name, std::string_view value, const CookieOptions& options) {
  std::string out;
  out.reserve(name.size() + value.size() + 64);
  out.append(name);
  out.push_back('=');
  // Escape anything outside cookie-octet so a value can never inject an attribute
  // such as "; Domain=" into the header.
  for (unsigned char c : value) {
    if (is_cookie_octet(c) && c != '%') {
      out.push_back(static_cast<char>(c));
    } else {
      append_escape(out, c);
    }
  }
  out.append("; Path=/");
  if (options.max_age_seconds) {
    out.append("; Max-Age=");
    out.append(std::to_string(*options.max_age_seconds < 0 ? 0 : *options.max_age_seconds));
  }
  if (options.http_only) out.append("; HttpOnly");
  if (options.secure) out.append("; Secure");
  if (!options.same_site.empty()) {
    out.append("; SameSite=");
    out.append(options.same_site);
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> parse_form(std::string_view body) {
  std::vector<std::pair<std::string, std::string>> fields;
  for_each_pair(body, [&](std::string_view key, std::string_view value) {
    fields.emplace_back(lenient_decode(key), lenient_decode(value));
    return false;
  });
  return fields;
}

std::string percent_encode(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  for (unsigned char c : text) {
    if (is_unreserved(c)) {
      out.push_back(static_cast<char>(c));
    } else {
      append_escape(out, c);
    }
  }
  return out;
}

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      int byte = escaped_byte(text, i);
      if (byte < 0) return std::nullopt;
      out.push_back(static_cast<char>(byte));
      i += 2;
    } else {
      out.push_back(c == '+' && plus_is_space ? ' ' : c);
    }
  }
  return out;
}

}  // namespace hearth
