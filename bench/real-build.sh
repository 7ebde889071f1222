#!/usr/bin/env bash
# A real open-source build against Maven Central (an Apache source release; default the multi-module
# org.apache.maven.enforcer:enforcer:3.5.0, `package -DskipTests`, ~1,660 downloads) seven ways, RUNS times each,
# interleaved so that a slow moment of the network hits every way alike:
#   plain    online build, empty local repository, no netrec        (what recording is compared with: target +5%)
#   record   the same build under `netrec record`
#   replay   `netrec replay --no-network`, empty local repository  (the first rebuild: it also indexes the cassette)
#   again    the same, once more                                    (every later cold rebuild: target 1.1x of warm)
#   files    no netrec: the cassette written out by `maven-repository`, through its settings.xml, empty local
#            repository, in a network namespace (needs root)       (the best a rebuild from an empty one can do)
#   http     no netrec: the same files from a plain HTTP file server on loopback (bench/java/RepositoryServer), empty
#            local repository                                       (the best a rebuild through Maven's HTTP can do)
#   warm     `mvn -o`, local repository already full, no netrec     (the best any offline rebuild can do)
#   bash bench/real-build.sh [RUNS] [GROUP:ARTIFACT:VERSION [MAVEN ARGUMENTS...]]   (environment: MVN, default mvn;
#   WAYS, default all of them: the ways to time, record always among them, as the others replay its cassette)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${1:-3}
SOURCE=${2:-org.apache.maven.enforcer:enforcer:3.5.0}
shift $(( $# > 2 ? 2 : $# ))
GOALS=("$@")
[ ${#GOALS[@]} -gt 0 ] || GOALS=(package -DskipTests)
IFS=: read -r GROUP ARTIFACT VERSION <<<"$SOURCE"
MVN=${MVN:-mvn}
WAYS=" ${WAYS:-plain replay again files http warm} record "
wants() { [[ "$WAYS" == *" $1 "* ]]; }
NETREC_JAR=$ROOT/agent/target/netrec.jar
[ -f "$NETREC_JAR" ] || mvn -q -B -DskipTests package
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mvn -B -q dependency:copy -Dartifact="$GROUP:$ARTIFACT:$VERSION:zip:source-release" -DoutputDirectory="$WORK"
(cd "$WORK" && unzip -q "$ARTIFACT-$VERSION-source-release.zip")
mkdir -p "$WORK/server"
javac -d "$WORK/server" "$ROOT/bench/java/RepositoryServer.java"
cd "$WORK/$ARTIFACT-$VERSION"
BUILD=("$MVN" -B -q "${GOALS[@]}")

median_ratio() { sort -n | awk -v base="${1:-0}" '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2;
  printf "%7.0f ms  (%d-%d)", m, a[1], a[NR]; if (base > 0) printf "  %.2fx", m / base}'; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2}'; }
clean() { find . -name target -type d -prune -exec rm -rf {} +; }
timed() { local s e; clean; s=$(date +%s%N); "$@" >"$WORK/last.log" 2>&1 || { tail -30 "$WORK/last.log" >&2; exit 1; }
  e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }

declare -A TIMES
for i in $(seq 1 "$RUNS"); do
  rm -rf "$WORK"/repo-* "$WORK/cassette"
  if wants plain; then
    TIMES[plain]+="$(timed "${BUILD[@]}" -Dmaven.repo.local="$WORK/repo-plain") "
  fi
  TIMES[record]+="$(timed java -jar "$NETREC_JAR" record --cassette "$WORK/cassette" -- "${BUILD[@]}" \
    -Dmaven.repo.local="$WORK/repo-record") "
  if wants replay; then
    TIMES[replay]+="$(timed java -jar "$NETREC_JAR" replay --cassette "$WORK/cassette" --no-network -- "${BUILD[@]}" \
      -Dmaven.repo.local="$WORK/repo-replay") "
    rm -rf "$WORK/repo-replay"
  fi
  if wants again; then
    TIMES[again]+="$(timed java -jar "$NETREC_JAR" replay --cassette "$WORK/cassette" --no-network -- "${BUILD[@]}" \
      -Dmaven.repo.local="$WORK/repo-replay") "
  fi
  rm -rf "$WORK/files"
  java -jar "$NETREC_JAR" maven-repository "$WORK/cassette" "$WORK/files" > /dev/null
  if wants files; then
    TIMES[files]+="$(timed unshare -n sh -c 'ip link set lo up && exec "$@"' offline "${BUILD[@]}" \
      -s "$WORK/files/settings.xml" -Dmaven.repo.local="$WORK/repo-files") "
  fi
  if wants http; then
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    java -Dsun.net.httpserver.nodelay=true -cp "$WORK/server" RepositoryServer "$port" "$WORK/files" \
      > "$WORK/server.log" 2>&1 &
    server=$!
    for _ in $(seq 1 100); do grep -q ready "$WORK/server.log" && break; sleep 0.1; done
    sed "s|file://$WORK/files|http://127.0.0.1:$port|g" "$WORK/files/settings.xml" > "$WORK/http-settings.xml"
    grep -q "http://127.0.0.1:$port" "$WORK/http-settings.xml" || { echo "no mirror in $WORK/files/settings.xml" >&2; exit 1; }
    TIMES[http]+="$(timed "${BUILD[@]}" -s "$WORK/http-settings.xml" -Dmaven.repo.local="$WORK/repo-http") "
    kill "$server"; wait "$server" 2>/dev/null || true
  fi
  if wants warm; then
    TIMES[warm]+="$(timed "${BUILD[@]}" -o -Dmaven.repo.local="$WORK/repo-record") "
  fi
done
echo "== $SOURCE ${GOALS[*]}: $("$MVN" -B -v 2>/dev/null | head -1 | sed 's/ (.*//'), $(java -version 2>&1 | head -1)," \
  "$(nproc) cores, $RUNS runs, median (min-max)"
echo "   cassette: $(java -jar "$NETREC_JAR" list "$WORK/cassette" | wc -l) interactions, $(du -sh "$WORK/cassette" | cut -f1)"
ms() { tr ' ' '\n' <<<"${TIMES[$1]:-}" | grep .; }
plain=$(ms plain | median || true)
warm=$(ms warm | median || true)
for way in plain record replay again files http warm; do
  wants "$way" || continue
  case $way in
    plain|warm) printf '   %-7s %s\n' "$way" "$(ms "$way" | median_ratio)" ;;
    record) printf '   %-7s %s%s\n' "$way" "$(ms "$way" | median_ratio "${plain:-0}")" "$(wants plain && echo ' (over plain)')" ;;
    *) printf '   %-7s %s (over warm)\n' "$way" "$(ms "$way" | median_ratio "${warm:-0}")" ;;
  esac
done
