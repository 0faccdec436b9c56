#!/usr/bin/env bash
# Regenerates common-chars.txt: the 3755 level-1 characters of GB 2312 (rows 16–55, byte pairs
# B0A1–D7F9), the classic "common characters" set, read from glibc's GB2312 charmap (Debian
# package `locales`). The app's font atlas always holds these; rarer characters are added when
# the store's data uses them.
set -euo pipefail
cd "$(dirname "$0")"
charmap=/usr/share/i18n/charmaps/GB2312.gz
[ -r "$charmap" ] || { echo "needs $charmap (apt-get install locales)" >&2; exit 1; }
{
  echo "# The 3755 level-1 characters of GB 2312 (rows 16–55, the common set), 60 per line."
  echo "# Generated from glibc's charmap (Debian package locales) by assets/i18n/make-common-chars.sh."
  zcat "$charmap" | awk '$2 ~ /^\/x(b[0-9a-f]|c[0-9a-f]|d[0-7])\/x/ {print $1}' |
    sed 's/<U\([0-9A-F]*\)>/\1/' |
    python3 -c '
import sys
cps = [chr(int(h, 16)) for h in sys.stdin.read().split()]
assert len(cps) == 3755, len(cps)
for i in range(0, len(cps), 60):
    print("".join(cps[i:i + 60]))
'
} > common-chars.txt.new
mv common-chars.txt.new common-chars.txt
