#!/usr/bin/env bash
# Runs connector-bench: each ConnectorKit operation next to the raw driver (or a plain map) doing
# the same work on the same data, then writes the Markdown table of scores and ratios to
# docs/benchmarks.md and prints it.
#
#   scripts/bench.sh                                every benchmark, the settings below (~5 min)
#   scripts/bench.sh MySqlBenchmark.find -prof stack   extra arguments go to JMH (a selection, a
#                                                   profiler, other settings); the table then goes
#                                                   to connector-bench/target/benchmarks.md
# CK_BENCH_OUT names another file for the table.
#
# Needs MariaDB/MySQL at 127.0.0.1:3306 as root without a password (CK_MYSQL_URL overrides host,
# port and credentials); uses its own database, ck_bench. MongoDB runs in process.
# Builds the module and what it depends on without installing anything; run it on a quiet machine.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# docs/benchmarks.md holds full runs with the settings below only.
if [ $# -eq 0 ]; then default_out=docs/benchmarks.md; else default_out=connector-bench/target/benchmarks.md; fi
out="${CK_BENCH_OUT:-$default_out}"
result="connector-bench/target/jmh-result.json"
jar="connector-bench/target/benchmarks.jar"

echo "bench: building connector-bench" >&2
./mvnw -B -q -pl connector-bench -am package -DskipTests

# Short but meaningful on 2 noisy cores: one fork per benchmark (JMH forks every method), 5 s of
# warmup (3 s left the memory DAO still compiling when the machine was busy) and 5 s of
# measurement, average time per operation in microseconds; "-prof gc" adds the bytes allocated per
# operation, which the machine's load does not change.
jmh=(java -jar "$jar" -f 1 -wi 5 -w 1s -i 5 -r 1s -bm avgt -tu us -t 1 -prof gc -rf json -rff "$result" "$@")
rm -f "$result"
echo "bench: ${jmh[*]}" >&2
"${jmh[@]}"

command="scripts/bench.sh${*:+ $*}  →  ${jmh[*]}"
java -cp "$jar" io.connectorkit.bench.BenchmarkReport "$result" "$out" "$command"
echo "bench: wrote $out" >&2
