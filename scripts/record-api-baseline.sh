#!/usr/bin/env bash
# Records the API baseline that the japicmp check (connector-core, connector-tck: "verify")
# compares against: the current connector-core and connector-tck jars, copied into api-baseline/.
# Run it when a release is made, and after a deliberate, versioned API change (docs/releasing.md).
#   scripts/record-api-baseline.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -q -B -DskipTests -Dspotless.check.skip=true -Djapicmp.skip -pl connector-core,connector-tck -am package
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' connector-core/pom.xml | head -1)"
for module in connector-core connector-tck; do
  cp "$module/target/$module-$version.jar" "api-baseline/$module.jar"
done
echo "$version (commit $(git rev-parse --short HEAD))" >api-baseline/VERSION
echo "record-api-baseline: recorded connector-core and connector-tck $version into api-baseline/" >&2
