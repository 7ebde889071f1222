#!/usr/bin/env bash
# Benchmarks 5 and 6 of the README, on netrec's own classes (no network):
#   recorder   interactions per second the recorder's writer persists from a stream of duplicate interactions
#              (small bodies, and 1 MB bodies with the heap capped at 256 MB), and at a constant 20,000/s
#   load       a 1,000-interaction, ~100 MB cassette loaded in a fresh JVM: from its YAML, and from its index
#   bash bench/recorder.sh [RUNS]         Needs agent/target/netrec.jar. Prints medians and (min-max).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${1:-5}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
source bench/lib.sh
CP=(-cp "$WORK/classes:$NETREC_CP")
stream() { rm -rf "$WORK/c"; java "$@" 2>/dev/null; }
summary() { local f=$1; shift; for _ in $(seq 1 "$RUNS"); do stream "$@"; done > "$WORK/out.txt"; field "$f" < "$WORK/out.txt" | median_spread; }

echo "== $(java -version 2>&1 | head -1), $(nproc) cores, $RUNS runs each: median (min-max)"
echo "== 5. recorder"
echo "| 100,000 interactions, 1 KB bodies, as fast as taken | $(summary persisted-per-second "${CP[@]}" RecorderStream "$WORK/c" 100000 1024 0 false) /s |"
echo "| 20,000/s offered for 5 s, 1 KB bodies | $(summary persisted-per-second "${CP[@]}" RecorderStream "$WORK/c" 100000 1024 20000 false) /s |"
echo "| 2,000 interactions, 1 MB bodies, -Xmx256m | $(summary persisted-per-second -Xmx256m "${CP[@]}" RecorderStream "$WORK/c" 2000 1048576 0 false) /s, peak heap $(field peak-heap-mb < "$WORK/out.txt" | median_spread) MB |"

echo "== 6. loading a 1,000-interaction cassette in a fresh JVM"
java "${CP[@]}" RecorderStream "$WORK/big" 1000 102400 0 true > /dev/null
echo "   cassette: $(du -sh "$WORK/big" | cut -f1), $(ls "$WORK/big/bodies" | wc -l) body files"
load_yaml() { java "${CP[@]}" LoadCassette "$WORK/big" | field load-ms; }
java "${CP[@]}" LoadCassette "$WORK/big" "$WORK/index" > /dev/null
load_index() { java "${CP[@]}" LoadCassette "$WORK/big" "$WORK/index" | field load-ms; }
yaml=""; index=""
for _ in $(seq 1 "$RUNS"); do yaml+="$(load_yaml) "; index+="$(load_index) "; done
echo "| from YAML | $(tr ' ' '\n' <<<"$yaml" | grep . | median_spread) ms |"
echo "| from its index | $(tr ' ' '\n' <<<"$index" | grep . | median_spread) ms |"

