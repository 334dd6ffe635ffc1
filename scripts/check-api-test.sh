#!/usr/bin/env bash
# Tests the API-compatibility check (japicmp against api-baseline/, docs/releasing.md): in a copy
# of connector-core without one public SPI method (Settings.requiredString, which connector-core
# itself does not call), "verify" must fail and name the removed method.
#   scripts/check-api-test.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# connector-core builds alone from its POM and the parent's (its main code only: its tests call
# the method); the copy leaves the tree untouched.
cd "$root"
cp -r pom.xml mvnw .mvn api-baseline LICENSE NOTICE "$work/"
mkdir -p "$work/connector-core/src"
cp connector-core/pom.xml "$work/connector-core/"
cp -r connector-core/src/main "$work/connector-core/src/"

settings="$work/connector-core/src/main/java/io/connectorkit/core/spi/Settings.java"
python3 - "$settings" <<'EOF'
import re, sys
path = sys.argv[1]
source = open(path, encoding="utf-8").read()
# The method with its Javadoc: from the comment before "public String requiredString(" to the
# closing brace at the method's indentation.
removed, count = re.subn(
    r"\n  /\*\*(?:(?!\*/).)*?\*/\n  public String requiredString\(.*?\n  }\n", "\n", source,
    count=1, flags=re.S)
if count != 1:
    sys.exit("check-api-test: FAILED: Settings.requiredString not found in " + path)
open(path, "w", encoding="utf-8").write(removed)
EOF

echo "check-api-test: verify of connector-core without Settings.requiredString" >&2
if out="$(./mvnw -B -Dspotless.check.skip=true -Dmaven.test.skip=true -f "$work/connector-core/pom.xml" verify 2>&1)"; then
  echo "check-api-test: FAILED: the API-compatibility check passed without a public SPI method" >&2
  exit 1
fi
expected="io.connectorkit.core.spi.Settings.requiredString(java.lang.String):METHOD_REMOVED"
if ! grep -qF "$expected" <<<"$out"; then
  echo "check-api-test: FAILED: the build failed, but japicmp did not report $expected:" >&2
  tail -40 <<<"$out" >&2
  exit 1
fi
echo "check-api-test: ok: japicmp reports $expected" >&2
