#!/usr/bin/env bash
# Builds and stages the release twice from clean (the staging command of docs/releasing.md), then
# compares every staged file, and the CLI distribution archives, byte for byte. Snapshot file names carry the deploy time, so names are
# compared with that time cut out; maven-metadata.xml (deploy times only) is not compared.
#   scripts/check-reproducible.sh        (about twice the time of one staging build)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

stage() {
  echo "check-reproducible: build $1" >&2
  ./mvnw -q -B -Prelease -DskipTests -Dgpg.skip -Dspotless.check.skip=true clean deploy \
    -DaltDeploymentRepository=staging::file:./target/staging
  mkdir -p "$work/$1"
  (cd target/staging && find . -type f ! -name 'maven-metadata.xml*' ! -name '*.md5' ! -name '*.sha1' | while read -r f; do
    normalized="$(sed -E 's/-[0-9]{8}\.[0-9]{6}-[0-9]+/-SNAPSHOT/' <<<"$f")"
    mkdir -p "$work/$1/$(dirname "$normalized")"
    cp "$f" "$work/$1/$normalized"
  done)
  # The CLI distribution is not deployed; it is compared too.
  cp connector-cli/target/connectorkit-*.zip connector-cli/target/connectorkit-*.tar.gz "$work/$1/"
}

stage first
stage second
if diff -r "$work/first" "$work/second" >"$work/diff" 2>&1; then
  echo "check-reproducible: ok: $(find "$work/first" -type f | wc -l) staged files byte-identical in two builds" >&2
else
  echo "check-reproducible: FAILED: the two builds differ:" >&2
  cat "$work/diff" >&2
  exit 1
fi
