#!/usr/bin/env bash
# Cassettes in an S3-compatible store, measured against S3Proxy on loopback (filesystem back end, SigV4):
#   1. a real open-source build (default the enforcer 3.5.0 source release, `package -DskipTests`) recorded through
#      the launcher into s3://cassettes/builds/real, then replayed with --no-network RUNS times each: on a cold
#      cache (fetched from the store), on a warm cache, and on a warm cache with the store stopped;
#   2. COPIES cassettes shaped like that one published into the same store: each its files with the recording
#      changed and one body in 50 replaced by new bytes of the same size (a build whose dependencies moved a
#      little): bytes sent against the sum of the cassettes' sizes, and the store's size on disk.
#   bash bench/store.sh [RUNS] [COPIES] [GROUP:ARTIFACT:VERSION [MAVEN ARGUMENTS...]]      (defaults 3, 300)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${1:-3}
COPIES=${2:-300}
SOURCE=${3:-org.apache.maven.enforcer:enforcer:3.5.0}
shift $(( $# > 3 ? 3 : $# ))
GOALS=("$@")
[ ${#GOALS[@]} -gt 0 ] || GOALS=(package -DskipTests -Dspotless.check.skip=true)
IFS=: read -r GROUP ARTIFACT VERSION <<<"$SOURCE"
MVN=${MVN:-mvn}
JAR=${NETREC_JAR:-$ROOT/agent/target/netrec.jar}
[ -f "$JAR" ] || mvn -q -B -DskipTests package
WORK=$(mktemp -d)
trap 'kill $S3 2>/dev/null || true; rm -rf "$WORK"' EXIT
cp "$JAR" "$WORK/netrec.jar" && JAR=$WORK/netrec.jar # a build meanwhile may replace the checkout's
mvn -B -q dependency:copy -Dartifact=org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies -DoutputDirectory="$WORK"
mvn -B -q dependency:copy -Dartifact="$GROUP:$ARTIFACT:$VERSION:zip:source-release" -DoutputDirectory="$WORK"
(cd "$WORK" && unzip -q "$ARTIFACT-$VERSION-source-release.zip")
PROJECT=$WORK/$ARTIFACT-$VERSION

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$WORK/s3/cassettes"
cat > "$WORK/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=bench-access
s3proxy.credential=bench-secret
jclouds.provider=filesystem
jclouds.identity=bench-access
jclouds.credential=bench-secret
jclouds.filesystem.basedir=$WORK/s3
CONF
start_s3() {
  java -cp "$WORK/s3proxy-4.1.0-jar-with-dependencies.jar" org.gaul.s3proxy.Main --properties "$WORK/s3proxy.conf" \
    > "$WORK/s3proxy.log" 2>&1 &
  S3=$!
  for _ in $(seq 1 100); do (echo > /dev/tcp/127.0.0.1/$PORT) 2>/dev/null && return; sleep 0.1; done
}
start_s3
export AWS_ACCESS_KEY_ID=bench-access AWS_SECRET_ACCESS_KEY=bench-secret AWS_ENDPOINT_URL_S3=http://127.0.0.1:$PORT
BUILD=("$MVN" -B -q "${GOALS[@]}")
seconds() { local start=$(date +%s.%N); "$@"; echo "$(date +%s.%N) - $start" | bc; }
median_spread() {
  sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f s (%.1f-%.1f)", m, a[1], a[NR]}'
}
build() { # MODE CACHE REPOSITORY [--no-network]
  (cd "$PROJECT" && rm -rf target */target && NETREC_CACHE=$2 java -jar "$JAR" "$1" --cassette s3://cassettes/builds/real \
    ${4:-} -- "${BUILD[@]}" -Dmaven.repo.local="$3" > "$WORK/$1.log" 2>&1) \
    || { tail -30 "$WORK/$1.log"; echo "== the $1 build failed" >&2; exit 1; }
}

echo "== recording $SOURCE into s3://cassettes/builds/real (Maven Central, empty local repository)"
record=$(seconds build record "$WORK/cache-recorder" "$WORK/repo-recorded")
grep "published" "$WORK/record.log" || true
printf "recorded and published in %.1f s\n" "$record"
cold=(); warm=(); nostore=()
for run in $(seq 1 "$RUNS"); do # RUNS 0: the copies alone
  rm -rf "$WORK/cache" "$WORK/repo"
  cold+=("$(seconds build replay "$WORK/cache" "$WORK/repo" --no-network)")
  rm -rf "$WORK/repo"
  warm+=("$(seconds build replay "$WORK/cache" "$WORK/repo" --no-network)")
  kill $S3; wait $S3 2>/dev/null || true
  rm -rf "$WORK/repo"
  nostore+=("$(seconds build replay "$WORK/cache" "$WORK/repo" --no-network)")
  start_s3
done
if [ "$RUNS" -gt 0 ]; then
  echo "replay, cold cache (fetched from the store): $(printf '%s\n' "${cold[@]}" | median_spread)"
  echo "replay, warm cache:                          $(printf '%s\n' "${warm[@]}" | median_spread)"
  echo "replay, warm cache, store stopped:           $(printf '%s\n' "${nostore[@]}" | median_spread)"
fi

echo "== publishing $COPIES cassettes shaped like it"
ORIGINAL=$WORK/original
NETREC_CACHE=$WORK/cache-pull java -jar "$JAR" pull s3://cassettes/builds/real "$ORIGINAL" > /dev/null
one=$(du -sb --exclude=.netrec "$ORIGINAL" | cut -f1)
bodies=("$ORIGINAL"/bodies/*)
total=$one; sent=0; push_times=()
for n in $(seq 1 "$COPIES"); do
  copy=$WORK/copy
  rm -rf "$copy" && cp -al "$ORIGINAL" "$copy" && rm -rf "$copy/.netrec"
  for recording in "$copy"/interactions/*.yaml; do
    cp --remove-destination "$ORIGINAL/interactions/$(basename "$recording")" "$recording"
    echo "# copy $n" >> "$recording"
  done
  for i in $(seq $(( n % 50 )) 50 $(( ${#bodies[@]} - 1 ))); do
    name=$(basename "${bodies[$i]}"); size=$(stat -c %s "${bodies[$i]}")
    rm "$copy/bodies/$name"
    head -c "$size" /dev/urandom > "$WORK/new-body"
    mv "$WORK/new-body" "$copy/bodies/$(sha256sum "$WORK/new-body" | cut -c1-64)" 2>/dev/null \
      || { sum=$(sha256sum "$WORK/new-body" | cut -c1-64); mv "$WORK/new-body" "$copy/bodies/$sum"; }
  done
  size=$(du -sb "$copy" | cut -f1)
  total=$(( total + size ))
  start=$(date +%s.%N)
  line=$(java -jar "$JAR" push "$copy" "s3://cassettes/builds/copy-$n")
  push_times+=("$(echo "$(date +%s.%N) - $start" | bc)")
  bytes=$(echo "$line" | sed -E 's/.*; sent [0-9]+ \(([0-9.]+) (bytes|kB|MB)\).*/\1 \2/')
  sent=$(echo "$sent + $(echo "$bytes" | awk '{f=($2=="MB")?1e6:($2=="kB")?1e3:1; printf "%.0f", $1*f}')" | bc)
done
stored=$(du -sb "$WORK/s3/cassettes" | cut -f1)
echo "cassettes: $(( COPIES + 1 )), their sizes summed: $(( total / 1000000 )) MB"
echo "sent by the $COPIES copies' pushes: $(( sent / 1000000 )) MB; the store on disk: $(( stored / 1000000 )) MB"
echo "a copy's push: $(printf '%s\n' "${push_times[@]}" | median_spread)"
