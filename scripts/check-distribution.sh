#!/usr/bin/env bash
# Tests the CLI distribution as a user who downloaded it would: each archive unpacked in an empty
# folder outside the repository, then, from the zip, "bin/connectorkit tck memory" and
# "bin/connectorkit tck --jar <a third-party connector jar>" must pass; from the tar.gz, the
# launcher must start and the files must be there.
#   scripts/check-distribution.sh [CONNECTOR_JAR]
# Without CONNECTOR_JAR, examples/third-party-connector is compiled with javac against the
# distribution's own jar (scripts/example-connector.sh passes the jar its Maven build made).
# The archives come from the release profile: connector-cli/target/connectorkit-<version>.*
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
zip="$(ls "$root"/connector-cli/target/connectorkit-*.zip 2>/dev/null | head -1 || true)"
tgz="${zip%.zip}.tar.gz"
if [ -z "$zip" ] || [ ! -f "$tgz" ]; then
  echo "check-distribution: FAILED: no connector-cli/target/connectorkit-<version>.zip and .tar.gz (build with -Prelease)" >&2
  exit 1
fi
name="$(basename "${zip%.zip}")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fail() {
  echo "check-distribution: FAILED: $*" >&2
  exit 1
}

mkdir "$work/tgz"
(cd "$work/tgz" && tar xzf "$tgz")
for f in bin/connectorkit bin/connectorkit.cmd lib/connectorkit.jar README.md LICENSE NOTICE THIRD-PARTY.txt; do
  [ -f "$work/tgz/$name/$f" ] || fail "$(basename "$tgz") has no $name/$f"
done
[ -x "$work/tgz/$name/bin/connectorkit" ] || fail "$(basename "$tgz"): bin/connectorkit is not executable"
(cd "$work/tgz" && "$name/bin/connectorkit" --help >"$work/help.txt") || fail "bin/connectorkit --help failed (tar.gz)"
grep -q 'tck' "$work/help.txt" || fail "bin/connectorkit --help does not list tck"

mkdir "$work/zip"
(cd "$work/zip" && unzip -q "$zip")
cd "$work/zip/$name"
[ -x bin/connectorkit ] || fail "$(basename "$zip"): bin/connectorkit is not executable"

connector_jar="${1:-}"
if [ -z "$connector_jar" ]; then
  example="$root/examples/third-party-connector"
  mkdir -p "$work/example/classes"
  javac -q -d "$work/example/classes" -cp lib/connectorkit.jar $(find "$example/src/main/java" -name '*.java') 2>/dev/null ||
    javac -d "$work/example/classes" -cp lib/connectorkit.jar $(find "$example/src/main/java" -name '*.java')
  cp -r "$example/src/main/resources/." "$work/example/classes/"
  connector_jar="$work/example/map-connector.jar"
  jar --create --file "$connector_jar" -C "$work/example/classes" .
fi

echo "check-distribution: bin/connectorkit tck memory (unzipped in an empty folder)" >&2
bin/connectorkit tck memory >"$work/memory.txt" 2>"$work/memory.err" ||
  { tail -30 "$work/memory.txt" "$work/memory.err" >&2; fail "bin/connectorkit tck memory"; }
tail -3 "$work/memory.txt" >&2
echo "check-distribution: bin/connectorkit tck --jar $(basename "$connector_jar")" >&2
bin/connectorkit tck --jar "$connector_jar" >"$work/jar.txt" 2>"$work/jar.err" ||
  { tail -30 "$work/jar.txt" "$work/jar.err" >&2; fail "bin/connectorkit tck --jar $connector_jar"; }
tail -3 "$work/jar.txt" >&2
echo "check-distribution: ok: $name.zip and .tar.gz" >&2
