#!/usr/bin/env bash
# Builds examples/third-party-connector the way a third-party author would: against installed
# ConnectorKit artifacts, outside the reactor, running the TCK from its own "mvn verify".
#
# ConnectorKit is installed into a private local repository (default: target/example-m2; override
# with CK_EXAMPLE_REPO), never into ~/.m2. The first run downloads the plugins and dependencies
# from Maven Central into it; later runs reuse them.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repo="${CK_EXAMPLE_REPO:-$root/target/example-m2}"
example="$root/examples/third-party-connector"
mkdir -p "$repo"
cd "$root"

started=$(date +%s)
echo "example-connector: installing ConnectorKit into $repo" >&2
./mvnw -q -B -Dmaven.repo.local="$repo" -DskipTests -Dspotless.check.skip=true install

echo "example-connector: mvn verify in examples/third-party-connector" >&2
rm -rf "$example/target"
./mvnw -q -B -Dmaven.repo.local="$repo" -f "$example/pom.xml" verify

# -q hides surefire's summary: show how many TCK tests ran, so a run of zero tests is visible.
# (Surefire writes one report per nested TCK section.)
tests=0
skipped=0
for report in "$example"/target/surefire-reports/TEST-*.xml; do
  [ -f "$report" ] || continue
  suite="$(grep -o '<testsuite [^>]*' "$report" | head -1)"
  tests=$((tests + $(sed -n 's/.* tests="\([0-9]*\)".*/\1/p' <<<"$suite")))
  skipped=$((skipped + $(sed -n 's/.* skipped="\([0-9]*\)".*/\1/p' <<<"$suite")))
done
if [ "$tests" -eq 0 ]; then
  echo "example-connector: FAILED: the TCK ran no tests" >&2
  exit 1
fi
echo "example-connector: ok: the map connector passed the TCK ($tests tests, $skipped skipped)" \
  "in $(($(date +%s) - started)) s" >&2
