#!/usr/bin/env python3
"""Embeds data/**/*.txt (the safety filters' curated lists: crisis language, hurtful
language, first names) into a C++ source, so a deployed hearth needs no files beside it.
Each file is available under its path relative to data/, e.g. "crisis/en.txt"."""
import pathlib
import sys

source_dir, output = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
DELIMITER = "hearthdata"

def literal(text):
    if ")" + DELIMITER + '"' in text:
        sys.exit(f"embed_safety_data: a data file contains the delimiter ){DELIMITER}\"")
    return f'R"{DELIMITER}(' + text + f'){DELIMITER}"'

lines = ['#include "safety/embedded_data.hpp"', "", "namespace hearth::safety {", "",
         "const std::vector<EmbeddedFile>& embedded_data_files() {",
         "  static const std::vector<EmbeddedFile> files = {"]
for path in sorted(source_dir.rglob("*.txt")):
    name = path.relative_to(source_dir).as_posix()
    text = path.read_text(encoding="utf-8")
    lines.append(f'    {{"{name}", {literal(text)}}},')
lines += ["  };", "  return files;", "}", "", "}  // namespace hearth::safety", ""]
output.parent.mkdir(parents=True, exist_ok=True)
new = "\n".join(lines)
if not output.exists() or output.read_text() != new:
    output.write_text(new)
