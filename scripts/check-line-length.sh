#!/usr/bin/env bash
# Fails when a C# line in src/, tests/ or bench/ is longer than .editorconfig's max_line_length (120 characters).
# The compiler ignores max_line_length and `dotnet format` does not wrap lines, so this is the check (scripts/test.sh
# runs it). Characters, not bytes, are counted: ₹ and Devanagari count as one each.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

max="$(sed -n 's/^max_line_length *= *\([0-9][0-9]*\).*/\1/p' .editorconfig | head -n 1)"
[[ -n "$max" ]] || { echo "check-line-length.sh: no max_line_length in .editorconfig" >&2; exit 2; }

# obj/ and bin/ hold generated code (source generators, AssemblyInfo); everything else is written by hand.
long="$(find src tests bench -name '*.cs' -not -path '*/obj/*' -not -path '*/bin/*' -print0 |
    LC_ALL=C.UTF-8 xargs -0 grep -n ".\{$((max + 1)),\}" || true)"
if [[ -n "$long" ]]; then
    echo "$long" | cut -c1-200
    echo "check-line-length.sh: $(echo "$long" | wc -l) line(s) longer than $max characters (above). Wrap them by hand:" \
        "break after a comma or before an operator, continuation lines indented 4 more spaces." >&2
    exit 1
fi
echo "No C# line is longer than $max characters."
