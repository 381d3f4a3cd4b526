#include "safety/embedded_data.hpp"

namespace hearth::safety {

std::vector<EmbeddedFile> embedded_files_under(std::string_view directory) {
  std::vector<EmbeddedFile> found;
  for (const EmbeddedFile& file : embedded_data_files()) {
    if (file.path.starts_with(directory)) found.push_back(file);
  }
  return found;
}

}  // namespace hearth::safety
