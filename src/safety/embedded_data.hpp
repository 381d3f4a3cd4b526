#pragma once
// The curated lists under data/ (crisis language, hurtful language, first names), embedded
// in the binary at build time by scripts/embed_safety_data.py.
#include <string_view>
#include <vector>

namespace hearth::safety {

struct EmbeddedFile {
  std::string_view path;  // relative to data/, e.g. "crisis/en.txt"
  std::string_view text;
};

const std::vector<EmbeddedFile>& embedded_data_files();

// The embedded files whose path starts with `directory` ("crisis/"), in path order.
std::vector<EmbeddedFile> embedded_files_under(std::string_view directory);

}  // namespace hearth::safety
