#!/usr/bin/env python3
"""Embeds migrations/*.sql into a C++ source so the hearth binary carries its schema.

Files are named NNNN_name.sql (both engines), NNNN_name.sqlite.sql or
NNNN_name.postgres.sql (one engine, where the dialects differ)."""
import pathlib
import re
import sys

source_dir, output = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
pattern = re.compile(r"^(\d{4})_([a-z0-9_]+?)(?:\.(sqlite|postgres))?\.sql$")
entries = []
for path in sorted(source_dir.rglob("*.sql")):
    match = pattern.match(path.name)
    if not match:
        sys.exit(f"embed_migrations: bad migration file name {path.name}")
    version, name, engine = int(match[1]), match[2], match[3] or ""
    entries.append((version, name, engine, path.read_text(encoding="utf-8")))

def literal(text):
    # Raw string literals with a delimiter that SQL never contains.
    return 'R"hearthsql(' + text + ')hearthsql"'

lines = ['#include "store/migration.hpp"', "", "namespace hearth {", "",
         "const std::vector<Migration>& embedded_migrations() {",
         "  static const std::vector<Migration> migrations = {"]
for version, name, engine, text in entries:
    lines.append(f'    {{{version}, "{name}", "{engine}", {literal(text)}}},')
lines += ["  };", "  return migrations;", "}", "", "}  // namespace hearth", ""]
output.parent.mkdir(parents=True, exist_ok=True)
new = "\n".join(lines)
if not output.exists() or output.read_text() != new:
    output.write_text(new)
