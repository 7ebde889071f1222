#!/usr/bin/env bash
# Builds this multi-module project in parallel (-T 2): os-maven-plugin names the machine, protobuf-maven-plugin
# downloads protoc for it from Maven Central as an artifact and runs it. Recorded from an empty local repository
# against Maven Central, then rebuilt from the cassette alone with another empty one and no network. Fails unless
# every downloaded file (protoc's executable among them) is byte-identical and the replayed build's application runs.
#
#   bash samples/native-tool-build/record-and-replay.sh
#
# Environment:
#   MVN         the Maven that builds it (default mvn)
#   WORK        scratch folder (default target/native-tool-build), emptied first
#   NETREC_JAR  default agent/target/netrec.jar
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
MVN=${MVN:-mvn}
WORK=${WORK:-$ROOT/target/native-tool-build}
NETREC_JAR=${NETREC_JAR:-$ROOT/agent/target/netrec.jar}
CASSETTE=$WORK/cassette
[ -f "$NETREC_JAR" ] || (cd "$ROOT" && mvn -q -B -DskipTests package)
rm -rf "$WORK" && mkdir -p "$WORK/project"
(cd "$HERE" && cp -r pom.xml messages text app "$WORK/project/")

build() { # MODE REPOSITORY [LAUNCHER OPTIONS...]
  local mode=$1 repository=$2
  shift 2
  (cd "$WORK/project" && java -jar "$NETREC_JAR" "$mode" --cassette "$CASSETTE" "$@" -- \
    "$MVN" -B -T 2 -Dmaven.repo.local="$repository" package > "$WORK/$mode.log" 2>&1) \
    || { tail -40 "$WORK/$mode.log"; echo "== the $mode build failed (log: $WORK/$mode.log)" >&2; exit 1; }
  grep -E "BUILD SUCCESS" "$WORK/$mode.log"
}

echo "== recording: $MVN -T 2 package from an empty local repository, against Maven Central"
start=$SECONDS
build record "$WORK/repo-recorded"
echo "== recorded in $((SECONDS - start)) s: $(java -jar "$NETREC_JAR" list "$CASSETTE" | wc -l) interactions"
find "$WORK/project" -name target -type d -prune -exec rm -rf {} +

echo "== replaying with no network, from another empty local repository"
start=$SECONDS
build replay "$WORK/repo-replayed" --no-network
echo "== replayed in $((SECONDS - start)) s"
source "$ROOT/samples/maven-build/same-downloads.sh"
missed_nothing "$CASSETTE"
head -1 "$CASSETTE/.netrec/replay-report.txt"
same_downloads "$WORK/repo-recorded" "$WORK/repo-replayed"
ls "$WORK/repo-replayed/com/google/protobuf/protoc/"*/protoc-*.exe > /dev/null \
  || { echo "== protoc was not downloaded" >&2; exit 1; }
jars=$(find "$WORK/project" "$WORK/repo-replayed" -name '*.jar' \( -path '*/target/*' -o -name 'protobuf-java-*' \
  -o -name 'commons-*' \) | tr '\n' :)
echo "== the replayed build's application says: $(java -cp "$jars" sample.app.ForecastApp)"
