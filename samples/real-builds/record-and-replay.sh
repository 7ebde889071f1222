#!/usr/bin/env bash
# Records a real open-source Maven build against Maven Central, then rebuilds it from the cassette alone with an
# empty local repository and no network, and checks that every downloaded file is byte-identical.
#
#   bash samples/real-builds/record-and-replay.sh GROUP:ARTIFACT:VERSION [MAVEN ARGUMENTS...]
#
# The project is the source release Apache publishes to Maven Central (GROUP:ARTIFACT:VERSION:zip:source-release),
# fetched with the machine's mvn. Maven arguments default to `package`. Environment:
#   MVN         the Maven that builds it (default mvn)
#   ROUTE       launcher (java -jar netrec.jar record|replay -- mvn ...) or java-tool-options (JAVA_TOOL_OPTIONS set
#               by hand, replay in `unshare -n`), default launcher
#   WORK        scratch folder (default target/real-builds/ARTIFACT), emptied first
#   NETREC_JAR  default agent/target/netrec.jar
#   FROM_FILES  yes: then also writes the cassette out as Maven repositories (netrec.jar maven-repository) and builds
#               a third time from those files alone, through a settings.xml mirror, without netrec, with no network
#   STORE       s3://BUCKET/PREFIX/NAME (launcher route): the cassette lives in that store (AWS_* variables say how to
#               reach it), recorded with the cache $WORK/cache-recorder and replayed on a clean one,
#               $WORK/cache-replayer, as another machine would
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SOURCE=${1:?usage: record-and-replay.sh GROUP:ARTIFACT:VERSION [MAVEN ARGUMENTS...]}
shift
GOALS=("$@")
[ ${#GOALS[@]} -gt 0 ] || GOALS=(package)
IFS=: read -r GROUP ARTIFACT VERSION <<<"$SOURCE"
MVN=${MVN:-mvn}
ROUTE=${ROUTE:-launcher}
WORK=${WORK:-$ROOT/target/real-builds/$ARTIFACT}
NETREC_JAR=${NETREC_JAR:-$ROOT/agent/target/netrec.jar}
CASSETTE=$WORK/cassette
NAMED=$CASSETTE
RECORDER_ENV=(); REPLAYER_ENV=()
# a machine's copy of the stored cassette in its cache: CACHE/cassettes/BUCKET/PREFIX%2FNAME (README, The cache)
copy_of() {
  local path=${STORE#s3://}
  local key=${path#*/}
  key=${key//%/%25}
  echo "$1/cassettes/${path%%/*}/${key//\//%2F}"
}
if [ -n "${STORE:-}" ]; then # the launcher's copies of the stored cassette, on each "machine"
  NAMED=$STORE
  RECORDER_ENV=(NETREC_CACHE="$WORK/cache-recorder"); REPLAYER_ENV=(NETREC_CACHE="$WORK/cache-replayer")
  CASSETTE=$(copy_of "$WORK/cache-recorder")
fi
[ -f "$NETREC_JAR" ] || (cd "$ROOT" && mvn -q -B -DskipTests package)
rm -rf "$WORK" && mkdir -p "$WORK"

echo "== fetching $GROUP:$ARTIFACT:$VERSION:zip:source-release from Maven Central"
mvn -B -q dependency:copy -Dartifact="$GROUP:$ARTIFACT:$VERSION:zip:source-release" -DoutputDirectory="$WORK" \
  || { echo "== cannot fetch the source release: is Maven Central reachable?" >&2; exit 1; }
(cd "$WORK" && unzip -q "$ARTIFACT-$VERSION-source-release.zip")
PROJECT=$WORK/$ARTIFACT-$VERSION
BUILD=("$MVN" -B "${GOALS[@]}")

offline() { unshare -n sh -c 'ip link set lo up && exec "$@"' netrec-offline "$@"; }

echo "== recording ($ROUTE): ${BUILD[*]} against Maven Central, with an empty local repository"
start=$SECONDS
case "$ROUTE" in
  launcher)
    (cd "$PROJECT" && env "${RECORDER_ENV[@]}" java -jar "$NETREC_JAR" record --cassette "$NAMED" -- \
      "${BUILD[@]}" -Dmaven.repo.local="$WORK/repo-recorded" > "$WORK/record.log" 2>&1) ;;
  java-tool-options)
    (cd "$PROJECT" && JAVA_TOOL_OPTIONS="-javaagent:$NETREC_JAR=record,cassette=$CASSETTE" \
      "${BUILD[@]}" -Dmaven.repo.local="$WORK/repo-recorded" > "$WORK/record.log" 2>&1) ;;
  *) echo "ROUTE is launcher or java-tool-options, not '$ROUTE'" >&2; exit 2 ;;
esac || { tail -40 "$WORK/record.log"; echo "== the recording build failed (log: $WORK/record.log)" >&2; exit 1; }
echo "== recorded in $((SECONDS - start)) s: $(java -jar "$NETREC_JAR" list "$CASSETTE" | wc -l) interactions in" \
  "$(ls "$CASSETTE/interactions" | wc -l) files, the largest $(ls -S "$CASSETTE/interactions" | head -1 \
  | xargs -I{} stat -c %s "$CASSETTE/interactions/{}") bytes"
grep -E "Tests run:.*Fail" "$WORK/record.log" | tail -1 || true

echo "== replaying with no network: the same build, another empty local repository"
find "$PROJECT" -name target -type d -prune -exec rm -rf {} +
start=$SECONDS
case "$ROUTE" in
  launcher)
    [ -z "${STORE:-}" ] || CASSETTE=$(copy_of "$WORK/cache-replayer")
    (cd "$PROJECT" && env "${REPLAYER_ENV[@]}" java -jar "$NETREC_JAR" replay --cassette "$NAMED" --no-network -- \
      "${BUILD[@]}" -Dmaven.repo.local="$WORK/repo-replayed" > "$WORK/replay.log" 2>&1) ;;
  java-tool-options)
    (cd "$PROJECT" && offline env JAVA_TOOL_OPTIONS="-javaagent:$NETREC_JAR=replay,cassette=$CASSETTE" \
      "${BUILD[@]}" -Dmaven.repo.local="$WORK/repo-replayed" > "$WORK/replay.log" 2>&1) ;;
esac || { tail -60 "$WORK/replay.log"; echo "== the replayed build failed (log: $WORK/replay.log)" >&2; exit 1; }
echo "== replayed in $((SECONDS - start)) s"
grep -E "Tests run:.*Fail" "$WORK/replay.log" | tail -1 || true
grep -E "BUILD SUCCESS" "$WORK/replay.log"
source "$ROOT/samples/maven-build/same-downloads.sh"
missed_nothing "$CASSETTE"
[ "$ROUTE" != launcher ] || head -1 "$CASSETTE/.netrec/replay-report.txt"

same_downloads "$WORK/repo-recorded" "$WORK/repo-replayed"
if [ -n "${STORE:-}" ]; then # the same replay once more, for a run that stops the store first
  { printf 'set -e\ncd %q\nfind . -name target -type d -prune -exec rm -rf {} +\n' "$PROJECT"
    printf '%q ' java -jar "$NETREC_JAR" replay --cassette "$STORE" --no-network -- "${BUILD[@]}" \
      -Dmaven.repo.local="$WORK/repo-again"; echo; } > "$WORK/replay-again.sh"
fi

if [ "${FROM_FILES:-}" = yes ]; then
  echo "== building from the cassette's files as a Maven repository: no netrec, no network, another empty local repository"
  # it writes the settings.xml that mirrors central with the folder of Central's files
  java -jar "$NETREC_JAR" maven-repository "$CASSETTE" "$WORK/repository" | tee "$WORK/repository.txt"
  find "$PROJECT" -name target -type d -prune -exec rm -rf {} +
  (cd "$PROJECT" && offline "${BUILD[@]}" -s "$WORK/repository/settings.xml" \
    -Dmaven.repo.local="$WORK/repo-from-files" > "$WORK/from-files.log" 2>&1) \
    || { tail -60 "$WORK/from-files.log"; echo "== the build from the files failed (log: $WORK/from-files.log)" >&2; exit 1; }
  grep -E "BUILD SUCCESS" "$WORK/from-files.log"
  same_downloads "$WORK/repo-recorded" "$WORK/repo-from-files"
fi
