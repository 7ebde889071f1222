#!/usr/bin/env bash
# Loading a 100,000-interaction cassette with 1 GB of body files (the agent tests' GeneratedCassette: the headers of
# a Maven build, one 1 MB body file every 100 interactions) in a fresh JVM capped at -Xmx256m, as replay loads it:
# by the first JVM (reads the YAML, moves the responses to the index) and by later ones (read the index). Prints
# the load time, the most heap in use at any moment, and the heap still in use after a collection.
#   bash bench/scale.sh [RUNS]      Needs agent/target/netrec.jar. Prints medians and (min-max).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${1:-5}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
source bench/lib.sh
CP=(-cp "$WORK/classes:$NETREC_CP")
echo "== $(java -version 2>&1 | head -1), $(nproc) cores, $RUNS runs each: median (min-max)"
echo "== loading a 100,000-interaction cassette with 1 GB of bodies, -Xmx256m"
java "${CP[@]}" netrec.it.support.GeneratedCassette "$WORK/scale" 100000 100 1048576 8081
echo "   cassette: $(du -sh "$WORK/scale" | cut -f1), $(du -sh "$WORK/scale/interactions" | cut -f1) of YAML"
first=""; later=""
for _ in $(seq 1 "$RUNS"); do
  rm -rf "$WORK/scale-index"
  first+="$(java -Xmx256m "${CP[@]}" LoadCassette "$WORK/scale" "$WORK/scale-index")"$'\n'
  later+="$(java -Xmx256m "${CP[@]}" LoadCassette "$WORK/scale" "$WORK/scale-index")"$'\n'
done
for run in first later; do
  echo "| $run JVM | $(field load-ms <<<"${!run}" | median_spread) ms | peak heap $(field peak-heap-mb <<<"${!run}" \
    | median_spread) MB | after a collection $(field live-heap-mb <<<"${!run}" | median_spread) MB |"
done
