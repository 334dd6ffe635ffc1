#!/usr/bin/env bash
# Mutation testing of the TCK: how many of PIT's mutations of the memory connector's own code the
# TCK (MemoryConnectorTckTest: every TCK test against the memory connector) kills. One command,
# from a fresh clone; not part of `./mvnw verify`.
#
#   scripts/mutation.sh            # report in connector-tck/target/mutation/report/index.html
#
# PIT_THREADS (default 2) bounds the parallel minions on a shared machine. Nothing is installed
# into ~/.m2 except PIT's own jars, which Maven downloads like any dependency.
set -euo pipefail
cd "$(dirname "$0")/.."

PIT_VERSION=1.17.4
PIT_JUNIT5_VERSION=1.2.1
OUT=connector-tck/target/mutation

# The TCK and the memory connector compiled in the reactor, and the TCK's test class path
# (connector-core and connector-memory resolve to their target/classes, never to ~/.m2).
./mvnw -B -q -pl connector-tck -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test

mkdir -p "$OUT/pit"
for artifact in pitest:$PIT_VERSION pitest-entry:$PIT_VERSION pitest-command-line:$PIT_VERSION \
  pitest-junit5-plugin:$PIT_JUNIT5_VERSION; do
  ./mvnw -B -q -N org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact="org.pitest:$artifact" -DoutputDirectory="$OUT/pit"
done

# PIT analyses the class path it runs on; it mutates only the memory connector's classes.
CLASSPATH="connector-tck/target/test-classes:connector-tck/target/classes:$(cat connector-tck/target/test-classpath.txt)"
java -cp "$OUT/pit/*:$CLASSPATH" org.pitest.mutationtest.commandline.MutationCoverageReport \
  --mutableCodePaths "$PWD/connector-memory/target/classes" \
  --targetClasses 'io.connectorkit.connector.memory.*' \
  --targetTests io.connectorkit.tck.MemoryConnectorTckTest \
  --sourceDirs "$PWD/connector-memory/src/main/java" \
  --threads "${PIT_THREADS:-2}" \
  --timeoutConst 8000 \
  --outputFormats HTML,CSV \
  --timestampedReports=false \
  --reportDir "$OUT/report"

echo "report: $OUT/report/index.html; every mutation: $OUT/report/mutations.csv"
