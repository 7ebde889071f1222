#!/usr/bin/env bash
# What the first replay of a cassette costs a JVM when the machine's cassette-index folder already holds FILES
# indexes (a developer's machine after a week of test runs whose cassettes live in temporary folders: thousands).
# Each run copies a recorded cassette to a new path, so that every replaying JVM writes that cassette's index, as
# the first replay of a cassette does; the program is bench/java/Fetches, fetching /small twice over plain HTTP.
# The class cache is a folder of the script's own per jar (class-cache=WORK/JAR/cache), so the index folder is
# WORK/JAR/cassette-index, filled first with FILES files named as indexes and dated today (none old enough to remove).
# Prints the median and spread (min-max) of the JVM's CPU (user + system) and wall-clock time.
#   bash bench/first-replay.sh [RUNS] [FILES]          (default 11 runs, 6,000 files)
#   NETREC_BEFORE=/path/to/other/netrec.jar measures that jar too, beside this build's, in the same turns.
# Needs agent/target/netrec.jar (mvn -B -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${1:-11}
FILES=${2:-6000}
WORK=$(mktemp -d)
trap 'kill "${BENCH_SERVER:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
source bench/lib.sh
start_bench_server
URL="http://127.0.0.1:$HTTP_PORT/small"

JARS=(now); [ -n "${NETREC_BEFORE:-}" ] && JARS=(before now)
jar_of() { [ "$1" = now ] && echo "$JAR" || echo "$NETREC_BEFORE"; }
for v in "${JARS[@]}"; do
  mkdir -p "$WORK/$v/cassette-index"
  (cd "$WORK/$v/cassette-index" && seq -f '%016g.index' 1 "$FILES" | xargs touch)
  java -javaagent:"$(jar_of "$v")"=record,cassette="$WORK/$v/recorded",class-cache="$WORK/$v/cache" \
    -cp "$WORK/classes" Fetches "$URL" 2 > /dev/null
done
for run in $(seq 1 "$RUNS"); do
  for v in "${JARS[@]}"; do
    cp -r "$WORK/$v/recorded" "$WORK/$v/cassette-$run"
    /usr/bin/time -f '%U %S %e' -o "$WORK/time" java -XX:TieredStopAtLevel=1 \
      -javaagent:"$(jar_of "$v")"=replay,cassette="$WORK/$v/cassette-$run",class-cache="$WORK/$v/cache" \
      -cp "$WORK/classes" Fetches "$URL" 2 > /dev/null
    awk '{printf "%d %d\n", ($1 + $2) * 1000, $3 * 1000}' "$WORK/time" >> "$WORK/$v.ms"
  done
done
echo "$(java -version 2>&1 | head -1), $FILES files in the index folder, $RUNS runs each, median (min-max)"
for v in "${JARS[@]}"; do
  printf '%-7s CPU %s ms   wall %s ms\n' "$v" "$(cut -d' ' -f1 "$WORK/$v.ms" | median_spread)" \
    "$(cut -d' ' -f2 "$WORK/$v.ms" | median_spread)"
done
