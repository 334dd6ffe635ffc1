#!/usr/bin/env bash
# Mutation testing of the TCK: how many of PIT's mutations of the memory connector's own code the
# TCK (MemoryConnectorTckTest: every TCK test against the memory connector) kills. One command,
# from a fresh clone; not part of `./mvnw verify`.
#
#   scripts/mutation.sh            # report in connector-tck/target/mutation/report/index.html
#
# Settings (environment):
#   PIT_THREADS   parallel minions (default 2: the machine has 2 cores, often shared)
#   PIT_CLASSES   the classes to mutate, PIT globs, comma-separated
#                 (default io.connectorkit.connector.memory.*: the whole memory connector)
#   PIT_HEAP      each minion's -Xmx (default 768m). A mutant that makes a loop allocate forever
#                 then ends as MEMORY_ERROR within seconds; with the JVM's default heap (a quarter
#                 of the machine's memory per minion) it swapped the shared machine for minutes.
#   PIT_NICE      niceness of the PIT run (default 10), so that other builds keep their share
#   PIT_REPORT    the report directory (default connector-tck/target/mutation/report)
#
# Nothing is installed into ~/.m2 except PIT's own jars, which Maven downloads like any dependency
# (scripts/mutation/pom.xml lists them; it is never built, only asked for its class path).
set -euo pipefail
cd "$(dirname "$0")/.."

THREADS="${PIT_THREADS:-2}"
CLASSES="${PIT_CLASSES:-io.connectorkit.connector.memory.*}"
HEAP="${PIT_HEAP:-768m}"
NICE="${PIT_NICE:-10}"
OUT=connector-tck/target/mutation
REPORT="${PIT_REPORT:-$OUT/report}"
mkdir -p "$OUT"

# The TCK and the memory connector compiled in the reactor, and the TCK's test class path
# (connector-core and connector-memory resolve to their target/classes, never to ~/.m2).
nice -n "$NICE" ./mvnw -B -q -pl connector-tck -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
# PIT with its transitive dependencies (ASM, commons-text, the HTML report).
./mvnw -B -q -f scripts/mutation/pom.xml dependency:build-classpath \
  -Dmdep.outputFile="$PWD/$OUT/pit-classpath.txt"

# PIT analyses the class path it runs on; it mutates only the memory connector's classes, and for
# each mutant runs only the TCK tests that cover the mutated line, the fastest first, stopping at
# the first failure. Minions get a bounded heap and the serial collector (two cores are shared by
# all of them). The timeout of a test is 1.5 x its time in the coverage run + 10 s: the TCK's
# timing varies a lot on a loaded machine, and too tight a bound would count slow-but-correct runs
# as TIMED_OUT (detected), which flatters the score.
CLASSPATH="connector-tck/target/test-classes:connector-tck/target/classes:$(cat connector-tck/target/test-classpath.txt)"
start=$(date +%s)
nice -n "$NICE" java -Xmx1g -cp "$(cat "$OUT/pit-classpath.txt"):$CLASSPATH" \
  org.pitest.mutationtest.commandline.MutationCoverageReport \
  --mutableCodePaths "$PWD/connector-memory/target/classes" \
  --targetClasses "$CLASSES" \
  --targetTests io.connectorkit.tck.MemoryConnectorTckTest \
  --sourceDirs "$PWD/connector-memory/src/main/java" \
  --threads "$THREADS" \
  --jvmArgs "-Xmx$HEAP,-XX:+UseSerialGC" \
  --avoidCallsTo java.util.logging,org.slf4j,java.util.concurrent.locks \
  --timeoutFactor 1.5 \
  --timeoutConst 10000 \
  --features '+progress(interval[60])' \
  --outputFormats HTML,CSV \
  --timestampedReports=false \
  --verbosity "${PIT_VERBOSITY:-NO_SPINNER}" \
  --reportDir "$REPORT"
echo "wall time: $(($(date +%s) - start)) s (PIT only; load average now: $(cut -d' ' -f1-3 /proc/loadavg))"

# The counts per status, from every mutation's line in mutations.csv.
echo "mutations per status:"
cut -d, -f6 "$REPORT/mutations.csv" | sort | uniq -c | sort -rn
echo "report: $REPORT/index.html; every mutation: $REPORT/mutations.csv"
