#!/usr/bin/env bash
# Tests scripts/check-release.sh on a staged release: it passes on the folder as staged, and fails,
# naming what is missing, on copies with one defect each (the parent POM without <licenses>, a
# module without its -javadoc.jar, a module the BOM does not list).
#   scripts/check-release-test.sh [STAGING_DIR (default target/staging)]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
staging="${1:-$root/target/staging}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0

# expect_failure NAME MESSAGE: the check must fail on $work/NAME and print MESSAGE.
expect_failure() {
  local name=$1 message=$2 out
  if out="$("$root/scripts/check-release.sh" "$work/$name" 2>&1)"; then
    echo "check-release-test: FAILED: $name: the check passed" >&2
    failures=$((failures + 1))
  elif ! grep -qF -- "$message" <<<"$out"; then
    echo "check-release-test: FAILED: $name: no \"$message\" in:" >&2
    echo "$out" >&2
    failures=$((failures + 1))
  else
    echo "check-release-test: ok: $name fails with \"$message\"" >&2
  fi
}

"$root/scripts/check-release.sh" "$staging"

cp -r "$staging" "$work/no-licenses"
parent_pom="$(find "$work/no-licenses/io/connectorkit/connectorkit-parent" -name '*.pom' | head -1)"
sed -i '/<licenses>/,/<\/licenses>/d' "$parent_pom"
version="$(basename "$(dirname "$parent_pom")")"
expect_failure no-licenses "io.connectorkit:connector-core:$version: POM has no <licenses> with a <license>"

cp -r "$staging" "$work/no-javadoc"
javadoc_jar="$(find "$work/no-javadoc/io/connectorkit/connector-core" -name '*-javadoc.jar' | head -1)"
rm "$javadoc_jar" "$javadoc_jar".*
expect_failure no-javadoc "io.connectorkit:connector-core:$(basename "$(dirname "$javadoc_jar")"): missing $(basename "$javadoc_jar")"

cp -r "$staging" "$work/unlisted"
mkdir -p "$work/unlisted/io/connectorkit/connector-extra"
cp -r "$work/unlisted/io/connectorkit/connector-memory/"* "$work/unlisted/io/connectorkit/connector-extra/"
for f in $(find "$work/unlisted/io/connectorkit/connector-extra" -name 'connector-memory-*'); do
  mv "$f" "${f/connector-memory-/connector-extra-}"
done
expect_failure unlisted "does not list the staged artifact connector-extra"

if [ "$failures" -ne 0 ]; then
  echo "check-release-test: $failures failure(s)" >&2
  exit 1
fi
echo "check-release-test: ok" >&2
