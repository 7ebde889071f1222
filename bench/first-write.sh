#!/usr/bin/env bash
# A recording JVM's first write: a fresh JVM under `record` asks BenchServer for /small 20 times over plain HTTP,
# one request after another; netrec's recorder says (log=debug) how long the application waited for its writer,
# which it does while the writer is more than 150 ms behind (its first write, classes loading, is the usual cause).
# Prints the median and spread of that wait summed over the JVM's life, and of the JVM's wall-clock time.
#   bash bench/first-write.sh [RUNS]
#   NETREC_BEFORE=/path/to/other/netrec.jar measures that jar too, beside this build's, in the same turns.
# Needs agent/target/netrec.jar (mvn -B -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${1:-11}
WORK=$(mktemp -d)
trap 'kill "${BENCH_SERVER:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
source bench/lib.sh
start_bench_server


# one JVM: "WAITED_MS WALL_MS"
one() {
  local jar=$1 start end waited
  rm -rf "$WORK/cassette"
  start=$(date +%s%N)
  waited=$(java -javaagent:"$jar"=record,log=debug,cassette="$WORK/cassette" -cp "$WORK/classes" Fetches \
      "http://127.0.0.1:$HTTP_PORT/small" 20 2>&1 | awk '/the application waited/ {s += $(NF-4)} END {print s + 0}')
  end=$(date +%s%N)
  echo "$waited $(( (end - start) / 1000000 ))"
}

names=(this); jars=("$JAR")
[ -n "${NETREC_BEFORE:-}" ] && { names=(before this); jars=("$NETREC_BEFORE" "$JAR"); }
for _ in $(seq 1 "$RUNS"); do
  for i in "${!jars[@]}"; do echo "${names[$i]} $(one "${jars[$i]}")"; done
done > "$WORK/runs.txt"

echo "== $(java -version 2>&1 | head -1), $(nproc) cores, $RUNS runs each: median (min-max)"
echo "| jar | the application waited for the writer, ms | the JVM, wall ms |"
echo "| --- | --- | --- |"
for name in "${names[@]}"; do
  echo "| $name | $(awk -v n="$name" '$1 == n {print $2}' "$WORK/runs.txt" | median_spread) |" \
       "$(awk -v n="$name" '$1 == n {print $3}' "$WORK/runs.txt" | median_spread) |"
done
