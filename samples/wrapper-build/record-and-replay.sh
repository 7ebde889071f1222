#!/usr/bin/env bash
# Builds this Spring Boot application with its own Maven Wrapper (only-script: wget or curl downloads Maven, which
# then downloads the build's plugins and dependencies), recorded from an empty Maven user home and an empty local
# repository against Maven Central; then rebuilds it from the cassette alone, with others just as empty, and no
# network. Fails unless the wrapper unpacked the same Maven, Maven downloaded the same files byte for byte, and the
# application's jar holds the same entries (their times differ: the build is not reproducible by itself).
#
#   bash samples/wrapper-build/record-and-replay.sh
#
# Environment:
#   WORK          scratch folder (default target/wrapper-build), emptied first
#   NETREC_JAR    default agent/target/netrec.jar
#   MVNW          the wrapper's script (default: from maven-wrapper-distribution 3.3.2's only-script zip, fetched
#                 from Maven Central with the machine's mvn); a project keeps it beside its pom.xml
#   WRAPPER_PATH  the PATH ./mvnw runs with (default this one's; one without wget makes it take curl)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=${WORK:-$ROOT/target/wrapper-build}
NETREC_JAR=${NETREC_JAR:-$ROOT/agent/target/netrec.jar}
WRAPPER_PATH=${WRAPPER_PATH:-$PATH}
CASSETTE=$WORK/cassette
[ -f "$NETREC_JAR" ] || (cd "$ROOT" && mvn -q -B -DskipTests package)
rm -rf "$WORK" && mkdir -p "$WORK/project"
cp -r "$HERE/pom.xml" "$HERE/src" "$HERE/.mvn" "$WORK/project/"
if [ -z "${MVNW:-}" ]; then
  echo "== fetching the Maven Wrapper's script (maven-wrapper-distribution 3.3.2, only-script) from Maven Central"
  mvn -B -q dependency:copy -Dartifact=org.apache.maven.wrapper:maven-wrapper-distribution:3.3.2:zip:only-script \
    -DoutputDirectory="$WORK"
  (cd "$WORK" && unzip -q -o maven-wrapper-distribution-3.3.2-only-script.zip mvnw)
  MVNW=$WORK/mvnw
fi
cp "$MVNW" "$WORK/project/mvnw" && chmod +x "$WORK/project/mvnw"

build() { # MODE HOME REPOSITORY [LAUNCHER OPTIONS...]
  local mode=$1 home=$2 repository=$3
  shift 3
  (cd "$WORK/project" && java -jar "$NETREC_JAR" "$mode" --cassette "$CASSETTE" "$@" -- env PATH="$WRAPPER_PATH" \
    MAVEN_USER_HOME="$home" MVNW_VERBOSE=true ./mvnw -B -Dmaven.repo.local="$repository" package -DskipTests \
    > "$WORK/$mode.log" 2>&1) \
    || { tail -40 "$WORK/$mode.log"; echo "== the $mode build failed (log: $WORK/$mode.log)" >&2; exit 1; }
  grep -E "^Found (wget|curl)" "$WORK/$mode.log" || true
  grep -E "BUILD SUCCESS" "$WORK/$mode.log"
}

echo "== recording: ./mvnw package from an empty MAVEN_USER_HOME and local repository, against Maven Central"
start=$SECONDS
build record "$WORK/home-recorded" "$WORK/repo-recorded"
echo "== recorded in $((SECONDS - start)) s: $(java -jar "$NETREC_JAR" list "$CASSETTE" | wc -l) interactions"
cp "$WORK/project/target/wrapper-build-1.0.jar" "$WORK/recorded.jar"
rm -rf "$WORK/project/target"

echo "== replaying with no network, from another empty MAVEN_USER_HOME and local repository"
start=$SECONDS
build replay "$WORK/home-replayed" "$WORK/repo-replayed" --no-network
echo "== replayed in $((SECONDS - start)) s"
source "$ROOT/samples/maven-build/same-downloads.sh"
missed_nothing "$CASSETTE"
head -1 "$CASSETTE/.netrec/replay-report.txt"

diff -r "$WORK/home-recorded/wrapper" "$WORK/home-replayed/wrapper" >&2 \
  || { echo "== the wrapper unpacked another Maven" >&2; exit 1; }
echo "== identical: the Maven the wrapper downloaded and unpacked"
same_downloads "$WORK/repo-recorded" "$WORK/repo-replayed"
entries() { unzip -v "$1" | awk 'NR > 3 && $8 != "" { print $7, $8 }' | sort; }
diff <(entries "$WORK/recorded.jar") <(entries "$WORK/project/target/wrapper-build-1.0.jar") >&2 \
  || { echo "== the application's jar holds other entries" >&2; exit 1; }
echo "== identical: the application's jar, entry for entry ($(entries "$WORK/recorded.jar" | wc -l) entries)"
