#pragma once
// PostgreSQL locations are libpq connection URLs: postgresql://user:password@host:port/db?…
// (a Unix socket directory goes in ?host=/path). These helpers work on the URL text only.
#include <string>
#include <string_view>

namespace hearth::postgres {

// True for "postgresql://…" and "postgres://…".
bool is_url(std::string_view location);

// The URL with its password replaced by "***", for logs and messages.
std::string redacted(std::string_view url);

// The same server and options, another database: postgresql://h/old?x → postgresql://h/name?x.
std::string with_database(std::string_view url, std::string_view database);

}  // namespace hearth::postgres
