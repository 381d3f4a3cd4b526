#!/usr/bin/env python3
"""Fails when a source file includes a layer above its own (see ARCHITECTURE.md), or when
Boost.Beast/Asio is included anywhere but in src/http/*.cpp and the private headers these
share in src/http/detail/ (which only they may include)."""
import pathlib
import re
import sys

LAYERS = ["core", "domain", "store", "safety", "policy", "actions", "api", "web", "http", "app"]
RANK = {name: rank for rank, name in enumerate(LAYERS)}
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.MULTILINE)

def check(src):
    problems = []
    for path in sorted(src.rglob("*")):
        if path.suffix not in (".hpp", ".cpp", ".h"):
            continue
        layer = path.relative_to(src).parts[0]
        if layer not in RANK:
            problems.append(f"{path}: not inside a known layer {LAYERS}")
            continue
        # Only the server's own files may see Beast: its .cpp files and the headers they share.
        server_internal = layer == "http" and (path.suffix == ".cpp" or path.relative_to(src).parts[1] == "detail")
        for kind, target in INCLUDE.findall(path.read_text(encoding="utf-8")):
            if kind == "<" and re.match(r"boost/(beast|asio)", target) and not server_internal:
                problems.append(f"{path}: includes <{target}>; Beast/Asio belong in src/http/*.cpp and src/http/detail/ only")
            if kind == '"' and target.startswith("http/detail/") and not server_internal:
                problems.append(f"{path}: includes \"{target}\", which is private to src/http's .cpp files")
            if kind == '"':
                used = target.split("/")[0]
                if used in RANK and RANK[used] > RANK[layer]:
                    problems.append(f"{path}: layer '{layer}' includes \"{target}\" from the higher layer '{used}'")
    return problems

if __name__ == "__main__":
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "src")
    found = check(root)
    for line in found:
        print(line)
    if found:
        sys.exit(1)
    print(f"layering: ok ({root})")
