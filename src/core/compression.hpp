#pragma once
// gzip for response bodies (zlib). In core/ so that the server (per response) and the
// page cache of web/ (once per kept page) use the same code; unit-tested without Beast.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace hearth {

// Whether an Accept-Encoding value allows gzip: "gzip" or "x-gzip" (or "*") with q > 0.
bool accepts_gzip(std::string_view accept_encoding);

// Text-like types worth compressing; images, archives and fonts are compressed already.
bool is_compressible_type(std::string_view content_type);

std::string gzip_compress(std::string_view data);

// Nothing when `data` is not a valid gzip stream or would inflate beyond max_size.
std::optional<std::string> gzip_decompress(std::string_view data, std::size_t max_size);

}  // namespace hearth
