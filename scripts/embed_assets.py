#!/usr/bin/env python3
"""Embeds assets/* into a C++ source: each file under a content-hashed URL
(/assets/name.HASH.ext) with a gzip copy made at build time, so the server can send
them with a year-long cache lifetime and no run-time compression."""
import gzip
import hashlib
import pathlib
import sys

source_dir, output = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
types = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
         ".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon",
         ".txt": "text/plain; charset=utf-8", ".woff2": "font/woff2"}

def array(data):
    return "{" + ",".join(str(b) for b in data) + "}"

lines = ['#include "web/assets.hpp"', "", "namespace hearth {", "namespace {"]
entries = []
for index, path in enumerate(sorted(p for p in source_dir.iterdir() if p.is_file())):
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()[:12]
    url = f"/assets/{path.stem}.{digest}{path.suffix}"
    packed = gzip.compress(data, compresslevel=9, mtime=0)
    lines.append(f"const unsigned char raw_{index}[] = {array(data)};")
    lines.append(f"const unsigned char gz_{index}[] = {array(packed)};")
    entries.append((path.name, url, types.get(path.suffix, "application/octet-stream"),
                    index, len(data), len(packed)))
lines += ["}  // namespace", "", "const std::vector<Asset>& embedded_assets() {",
          "  static const std::vector<Asset> assets = {"]
for name, url, ctype, index, size, gz_size in entries:
    lines.append(f'    {{"{name}", "{url}", "{ctype}", '
                 f'{{reinterpret_cast<const char*>(raw_{index}), {size}}}, '
                 f'{{reinterpret_cast<const char*>(gz_{index}), {gz_size}}}}},')
lines += ["  };", "  return assets;", "}", "", "}  // namespace hearth", ""]
output.parent.mkdir(parents=True, exist_ok=True)
new = "\n".join(lines)
if not output.exists() or output.read_text() != new:
    output.write_text(new)
