#!/usr/bin/env bash
# A whole Maven build (samples/maven-build: ~400 downloads, a forked test JVM) four ways, RUNS times each:
#   plain    online build, empty local repository, no netrec        (what recording is compared with)
#   record   the same build under `netrec record`
#   replay   `netrec replay --no-network`, empty local repository  (what a rebuild from a cassette costs)
#   warm     `mvn -o`, local repository already full, no netrec     (the best any offline rebuild can do)
# "Online" is the loopback repository of samples/maven-build/loopback-repository.sh, so the network costs little
# here; over the internet, plain and record take longer and replay does not.
#   bash bench/maven-build.sh [RUNS]      (environment: MVN, default mvn)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
HERE=$ROOT/samples/maven-build
RUNS=${1:-5}
MVN=${MVN:-mvn}
WORK=$(mktemp -d)
NETREC_JAR=$ROOT/agent/target/netrec.jar
source "$HERE/loopback-repository.sh"
BUILD=("$MVN" -B -q -s "$WORK/settings.xml"
       -Dgreeting.remote="$REPOSITORY/commons-codec/commons-codec/1.17.1/commons-codec-1.17.1.pom" "-DargLine=$TRUST")
export MAVEN_OPTS="$TRUST"
cd "$WORK/project"

median_spread() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%7.0f ms  (%d-%d)", m, a[1], a[NR]}'; }
timed() { local s e; s=$(date +%s%N); "$@" >"$WORK/last.log" 2>&1 || { cat "$WORK/last.log" >&2; exit 1; }; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }

declare -A TIMES
for i in $(seq 1 "$RUNS"); do
  rm -rf "$WORK"/repo-* "$WORK/cassette" target
  TIMES[plain]+="$(timed "${BUILD[@]}" -Dmaven.repo.local="$WORK/repo-plain" package) "
  rm -rf target
  TIMES[record]+="$(timed java -jar "$NETREC_JAR" record --cassette "$WORK/cassette" -- "${BUILD[@]}" \
    -Dmaven.repo.local="$WORK/repo-record" package) "
  rm -rf target
  TIMES[replay]+="$(timed java -jar "$NETREC_JAR" replay --cassette "$WORK/cassette" --no-network -- "${BUILD[@]}" \
    -Dmaven.repo.local="$WORK/repo-replay" package) "
  rm -rf target
  TIMES[warm]+="$(timed "${BUILD[@]}" -o -Dmaven.repo.local="$WORK/repo-plain" package) "
done
echo "== $("$MVN" -B -v 2>/dev/null | head -1 | sed 's/ (.*//'), $(java -version 2>&1 | head -1), $RUNS runs, median (min-max)"
echo "   cassette: $(java -jar "$NETREC_JAR" list "$WORK/cassette" | wc -l) interactions, $(du -sh "$WORK/cassette" | cut -f1)"
for k in plain record replay warm; do
  printf '   %-7s %s\n' "$k" "$(tr ' ' '\n' <<<"${TIMES[$k]}" | grep . | median_spread)"
done
rm -rf "$WORK"
