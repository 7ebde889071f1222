#!/usr/bin/env bash
# netrec's offline-build demo: record a whole Maven build (plugin and dependency downloads over HTTPS, and a test
# in the JVM Surefire forks that fetches a page), then rebuild it from the recording alone, with an empty local
# repository and no network at all, and check that every downloaded file is byte-identical.
#
# The "internet" here is two Maven repositories on loopback, over HTTPS with a certificate made here (WireMock):
# one stands in for Maven Central, serving ~/.m2/repository; another (added by settings.xml) serves repo-extra/
# (a SNAPSHOT and a version range) and is asked first for everything, so Maven meets many 404s too. Environment: MVN (default mvn), WORK (default target/demo), NETREC_JAR.
set -euo pipefail
cd "$(dirname "$0")"
HERE=$PWD
ROOT=$(cd ../.. && pwd)
MVN=${MVN:-mvn}
WORK=${WORK:-$HERE/target/demo}
NETREC_JAR=${NETREC_JAR:-$ROOT/agent/target/netrec.jar}
source "$HERE/loopback-repository.sh"
BUILD=("$MVN" -B -s "$WORK/settings.xml"
       -Dgreeting.remote="$REPOSITORY/commons-codec/commons-codec/1.17.1/commons-codec-1.17.1.pom"
       "-DargLine=$TRUST" package)

echo "== recording: java -jar netrec.jar record --cassette $WORK/cassette -- mvn package (empty local repository)"
(cd "$WORK/project" && MAVEN_OPTS="${MAVEN_OPTS:-} $TRUST" java -jar "$NETREC_JAR" record --cassette "$WORK/cassette" -- \
  "${BUILD[@]}" -Dmaven.repo.local="$WORK/repo-recorded" > "$WORK/record.log" 2>&1) \
  || { tail -40 "$WORK/record.log"; echo "== the recording build failed (log: $WORK/record.log)" >&2; exit 1; }
grep -E "Tests run:.*Fail|BUILD" "$WORK/record.log" | tail -2
kill $SERVER; wait $SERVER 2>/dev/null || true
echo "== the repository is stopped; the cassette holds $(java -jar "$NETREC_JAR" list "$WORK/cassette" | wc -l) interactions"

NO_NETWORK=--no-network
if ! unshare -n true 2>/dev/null && ! unshare -r -n true 2>/dev/null; then
  NO_NETWORK=
  echo "== (this machine cannot make network namespaces: replaying with the repository stopped, network up)"
fi
echo "== replaying: java -jar netrec.jar replay --cassette ... $NO_NETWORK -- mvn package (another empty local repository)"
rm -rf "$WORK/project/target"
(cd "$WORK/project" && java -jar "$NETREC_JAR" replay --cassette "$WORK/cassette" $NO_NETWORK -- \
  "${BUILD[@]}" -Dmaven.repo.local="$WORK/repo-replayed" > "$WORK/replay.log" 2>&1) \
  || { tail -60 "$WORK/replay.log"; echo "== the replayed build failed (log: $WORK/replay.log)" >&2; exit 1; }
grep -E "Tests run:.*Fail|BUILD" "$WORK/replay.log" | tail -2
head -1 "$WORK/cassette/.netrec/replay-report.txt"

source "$HERE/same-downloads.sh"
same_downloads "$WORK/repo-recorded" "$WORK/repo-replayed"
