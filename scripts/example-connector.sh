#!/usr/bin/env bash
# Builds connectors the way a third-party author would: against installed ConnectorKit artifacts,
# outside the reactor, each running the TCK from its own "mvn verify":
#   1. examples/third-party-connector, the example map connector;
#   2. the helloworld tutorial followed in a fresh folder: the pom of its step 1 (cut out of
#      connector-helloworld/README.md) with the tutorial's sources and its TCK test class;
#   3. examples/discover-records: connectorkit-maven-plugin generates records from the MariaDB
#      database ckexample_discover (loaded from its schema.sql with the mysql client; 127.0.0.1:3306,
#      root) and the example's test reads rows through them.
#   4. examples/spring-boot-sample: a Spring Boot application on connector-spring-boot-starter; its
#      tests drive its REST API over HTTP against MariaDB (CK_MYSQL_URL, else the database
#      ck_boot_sample, created if absent), a rollback and /actuator/health included.
#
# Before them, ConnectorKit's release is staged into target/staging and checked
# (scripts/check-release.sh, docs/releasing.md) and the API check is shown to fail on a removed SPI
# method (scripts/check-api-test.sh); after the example, the CLI distribution runs its
# TCK from an empty folder (scripts/check-distribution.sh).
#
# ConnectorKit is installed into a private local repository (default: target/example-m2; override
# with CK_EXAMPLE_REPO), never into ~/.m2. What neither it nor ~/.m2 holds is downloaded from Maven
# Central into it; later runs reuse it.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repo="${CK_EXAMPLE_REPO:-$root/target/example-m2}"
mkdir -p "$repo"
# The private repository is searched first and receives every install and download; ~/.m2, which
# the build itself filled, is read as a fallback (Maven 3.9's read-only "tail"), so the examples
# do not download again what the reactor's build already has.
repo_opts=(-Dmaven.repo.local="$repo")
if [ -d "$HOME/.m2/repository" ]; then
  repo_opts+=(-Dmaven.repo.local.tail="$HOME/.m2/repository")
fi
cd "$root"

started=$(date +%s)
echo "example-connector: installing ConnectorKit into $repo and staging its release" >&2
# The release staging command of docs/releasing.md (deploy installs too), then the check of the
# staged folder against Maven Central's requirements and the check's own test.
rm -rf target/staging
./mvnw -q -B "${repo_opts[@]}" -Dspotless.check.skip=true \
  -Prelease -DskipTests -Dgpg.skip deploy -DaltDeploymentRepository=staging::file:./target/staging
scripts/check-release-test.sh target/staging
# The API-compatibility check fails when a public SPI method is removed.
scripts/check-api-test.sh

# Runs "mvn verify" in a project and fails unless its TCK ran (a run of zero tests is a failure).
verify_project() {
  local project=$1 label=$2
  echo "example-connector: mvn verify in $label" >&2
  rm -rf "$project/target"
  ./mvnw -q -B "${repo_opts[@]}" -f "$project/pom.xml" verify
  # -q hides surefire's summary; surefire writes one report per nested TCK section.
  local tests=0 skipped=0 report suite
  for report in "$project"/target/surefire-reports/TEST-*.xml; do
    [ -f "$report" ] || continue
    suite="$(grep -o '<testsuite [^>]*' "$report" | head -1)"
    tests=$((tests + $(sed -n 's/.* tests="\([0-9]*\)".*/\1/p' <<<"$suite")))
    skipped=$((skipped + $(sed -n 's/.* skipped="\([0-9]*\)".*/\1/p' <<<"$suite")))
  done
  if [ "$tests" -eq 0 ]; then
    echo "example-connector: FAILED: the TCK ran no tests in $label" >&2
    exit 1
  fi
  echo "example-connector: ok: $label passed the TCK ($tests tests, $skipped skipped)" >&2
}

verify_project "$root/examples/third-party-connector" "examples/third-party-connector"

# The CLI distribution the release staging built, unpacked in an empty folder, runs the TCK on
# memory and on the example connector's jar.
scripts/check-distribution.sh "$(ls "$root"/examples/third-party-connector/target/map-connector-*.jar | head -1)"

# The tutorial in a fresh folder. Its pom is the XML block of step 1, so the tutorial cannot
# promise a build that does not work.
tutorial="$root/target/tutorial-connector"
rm -rf "$tutorial"
mkdir -p "$tutorial/src/test/java/io/connectorkit/connector/helloworld"
step1="$(awk '/^## Step 1/{inside=1} inside && /^```xml/{block=1; next} block && /^```/{exit} block{print}' \
  connector-helloworld/README.md)"
if [ -z "$step1" ]; then
  echo "example-connector: FAILED: no XML block in step 1 of connector-helloworld/README.md" >&2
  exit 1
fi
cat > "$tutorial/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.example</groupId>
  <artifactId>helloworld-tutorial</artifactId>
  <version>1.0.0-SNAPSHOT</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
$step1
</project>
POM
cp -r connector-helloworld/src/main "$tutorial/src/"
cp connector-helloworld/src/test/java/io/connectorkit/connector/helloworld/HelloWorldConnectorTckTest.java \
  "$tutorial/src/test/java/io/connectorkit/connector/helloworld/"
verify_project "$tutorial" "the helloworld tutorial in a fresh folder"

# The Maven plugin's example: its own database, then "mvn verify" (generate-sources discovers it).
discover_example="$root/examples/discover-records"
echo "example-connector: loading $discover_example/schema.sql into ckexample_discover" >&2
mysql --protocol=TCP -h 127.0.0.1 -P 3306 -u root < "$discover_example/schema.sql"
rm -rf "$discover_example/target"
./mvnw -q -B "${repo_opts[@]}" -f "$discover_example/pom.xml" verify
generated="$(find "$discover_example/target/generated-sources/connectorkit" -name '*.java' | wc -l)"
tests=0
for report in "$discover_example"/target/surefire-reports/TEST-*.xml; do
  [ -f "$report" ] || continue
  tests=$((tests + $(grep -o '<testsuite [^>]*' "$report" | sed -n 's/.* tests="\([0-9]*\)".*/\1/p')))
done
if [ "$generated" -eq 0 ] || [ "$tests" -eq 0 ]; then
  echo "example-connector: FAILED: examples/discover-records generated $generated records, ran $tests tests" >&2
  exit 1
fi
echo "example-connector: ok: examples/discover-records ($generated generated records, $tests tests)" >&2

# The Spring Boot sample: "mvn verify" runs its @SpringBootTest tests over HTTP.
sample="$root/examples/spring-boot-sample"
echo "example-connector: mvn verify in examples/spring-boot-sample" >&2
sample_started=$(date +%s)
rm -rf "$sample/target"
./mvnw -q -B "${repo_opts[@]}" -f "$sample/pom.xml" verify
tests=0
for report in "$sample"/target/surefire-reports/TEST-*.xml; do
  [ -f "$report" ] || continue
  tests=$((tests + $(grep -o '<testsuite [^>]*' "$report" | sed -n 's/.* tests="\([0-9]*\)".*/\1/p')))
done
if [ "$tests" -eq 0 ]; then
  echo "example-connector: FAILED: examples/spring-boot-sample ran no tests" >&2
  exit 1
fi
echo "example-connector: ok: examples/spring-boot-sample ($tests tests, $(($(date +%s) - sample_started)) s)" >&2

echo "example-connector: done in $(($(date +%s) - started)) s" >&2
