#!/usr/bin/env bash
# What netrec costs a JVM that makes network calls: a fresh JVM fetches /small from BenchServer twice over plain
# HTTP (bench/java/Fetches.java, HttpURLConnection; /small is a JSON document of 100 bytes) with no agent, under
# `record` and under `replay` (warm class cache, the cassette's index made), first with a class path of the program
# alone, then with the program and 150 jars (the first of JARS, by default ~/.m2/repository; a test runner's or an
# application server's JVM has as many). Prints, per configuration, the median and spread (min-max) of the JVM's CPU
# time (user + system, all its threads) and of its wall-clock time.
# The configurations take turns, run after run.
#   bash bench/first-call.sh [RUNS]
#   NETREC_BEFORE=/path/to/other/netrec.jar measures that jar too, beside this build's, in the same turns.
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 runs the program on that JDK (the default: the java on the PATH).
# Needs agent/target/netrec.jar (mvn -B -DskipTests package), and 150 jars in ~/.m2 (any build of this project's).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${1:-11}
WORK=$(mktemp -d)
trap 'kill "${BENCH_SERVER:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
source bench/lib.sh
start_bench_server

SMALL=$WORK/classes
LARGE=$WORK/classes:$(find "${JARS:-$HOME/.m2/repository}" -name '*.jar' ! -name '*-sources.jar' ! -name '*-javadoc.jar' \
    | sort | awk 'NR <= 150' | paste -sd:)
echo "class paths: the program alone; the program and $(tr ':' '\n' <<< "$LARGE" | grep -c '\.jar$') jars"
URL="http://127.0.0.1:$HTTP_PORT/small"
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

declare -A CONFIGS=()
for cp in small large; do
  CONFIGS[$cp-1-no-agent]=""
  for v in now ${NETREC_BEFORE:+before}; do
    [ "$v" = now ] && J_AR=$JAR || J_AR=$NETREC_BEFORE
    CONFIGS[$cp-2-record-$v]="-javaagent:$J_AR=record,cassette=$WORK/recorded-$v,class-cache=$WORK/cache-$v"
    CONFIGS[$cp-3-replay-$v]="-javaagent:$J_AR=replay,cassette=$WORK/cassette-$v,class-cache=$WORK/cache-$v"
    # the cassette replay reads, and the class cache and index every later JVM starts from
    "$JAVA" -javaagent:"$J_AR"=record,cassette="$WORK/cassette-$v",class-cache="$WORK/cache-$v" -cp "$SMALL" Fetches "$URL" 2
    "$JAVA" -javaagent:"$J_AR"=replay,cassette="$WORK/cassette-$v",class-cache="$WORK/cache-$v" -cp "$SMALL" Fetches "$URL" 2
  done
done
NAMES=$(printf '%s\n' "${!CONFIGS[@]}" | sort)
for _ in $(seq 1 "$RUNS"); do
  for name in $NAMES; do
    [ "${name%%-*}" = small ] && cp=$SMALL || cp=$LARGE
    /usr/bin/time -f '%U %S %e' -o "$WORK/time" "$JAVA" ${CONFIGS[$name]} -cp "$cp" Fetches "$URL" 2 > /dev/null
    awk '{printf "%d %d\n", ($1 + $2) * 1000, $3 * 1000}' "$WORK/time" >> "$WORK/$name.ms"
  done
done
echo "$("$JAVA" -version 2>&1 | head -1), $RUNS runs each, median (min-max)"
for name in $NAMES; do
  printf '%-22s CPU %s ms   wall %s ms\n' "$name" "$(cut -d' ' -f1 "$WORK/$name.ms" | median_spread)" \
    "$(cut -d' ' -f2 "$WORK/$name.ms" | median_spread)"
done
