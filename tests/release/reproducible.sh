#!/usr/bin/env bash
# Proves the release is reproducible: two clean clones of this commit, each with its own build
# directory and registry cache, cut the same release from the same sources; every package must be
# byte-identical (their SHA256SUMS equal). Slow (two full builds): scripts/test runs it unless
# WASPADA_TEST_REPRODUCIBLE=0.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
commit=$(git rev-parse HEAD)
version=$(node -p 'require("./manifest.json").version')
work=${WASPADA_REPRO_DIR:-$root/target/repro}
mirror=${WASPADA_MIRROR:-}
# The clones sit elsewhere, so give them the mirror the original would default to.
if [ -z "$mirror" ] && [ -d "$root/../shared/data/upstream" ]; then
  mirror=$(cd "$root/../shared/data/upstream" && pwd)
fi
rm -rf "$work" && mkdir -p "$work"
for n in a b; do
  echo "[reproducible] clone $n of $commit"
  git clone -q --no-local "$root" "$work/$n"
  git -C "$work/$n" checkout -q "$commit"
  (cd "$work/$n" && scripts/setup >/dev/null && \
    nice scripts/release "$version" --no-record ${mirror:+--mirror "$mirror"} > "$work/$n.log" 2>&1) \
    || { tail -30 "$work/$n.log"; echo "[reproducible] the release failed in clone $n" >&2; exit 1; }
done
a="$work/a/dist/release/$version/SHA256SUMS"
b="$work/b/dist/release/$version/SHA256SUMS"
if ! diff -u "$a" "$b"; then
  echo "[reproducible] FAIL: the two clean clones gave different packages" >&2
  exit 1
fi
cmp "$work/a/dist/release/$version/waspada-$version-chrome.zip" "$work/b/dist/release/$version/waspada-$version-chrome.zip"
echo "[reproducible] identical packages from two clean clones:"
cat "$a"
