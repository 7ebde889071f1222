#!/usr/bin/env bash
# netrec demo: record a program's HTTPS traffic, then replay it with no network at all.
# Run from the repository root or from samples/: bash samples/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/samples/target/demo
JAR=$ROOT/agent/target/netrec.jar

echo "== building netrec (mvn package)"
mvn -q -B -DskipTests package

rm -rf "$WORK" && mkdir -p "$WORK"
CLASSES=$ROOT/samples/target/classes
source "$ROOT/samples/certificate.sh"
make_certificate "$WORK/server.p12" "$WORK/trust.p12" localhost dns:localhost,ip:127.0.0.1
TRUST=(-Djavax.net.ssl.trustStore="$WORK/trust.p12" -Djavax.net.ssl.trustStorePassword=changeit)
PORT=$(( 20000 + RANDOM % 20000 ))

echo "== starting a demo HTTPS server on localhost:$PORT"
java -cp "$CLASSES" netrec.samples.DemoServer "$PORT" "$WORK/server.p12" changeit > "$WORK/server.log" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do grep -q listening "$WORK/server.log" 2>/dev/null && break; sleep 0.1; done

echo "== recording: java -javaagent:netrec.jar=record,cassette=$WORK/cassette ..."
java -javaagent:"$JAR"=record,cassette="$WORK/cassette" "${TRUST[@]}" -cp "$CLASSES" \
  netrec.samples.ForecastClient "https://localhost:$PORT" Paris Oslo Lima | tee "$WORK/recorded.txt"

echo "== stopping the server; the cassette holds:"
kill $SERVER; wait $SERVER 2>/dev/null || true
java -jar "$JAR" list "$WORK/cassette"

REPLAY=(java -javaagent:"$JAR"=replay,cassette="$WORK/cassette" "${TRUST[@]}" -cp "$CLASSES"
        netrec.samples.ForecastClient "https://localhost:$PORT" Paris Oslo Lima)
if unshare -n true 2>/dev/null; then
  echo "== replaying inside a new network namespace (no network, loopback only), server stopped:"
  unshare -n sh -c 'ip link set lo up && exec "$@"' replay "${REPLAY[@]}" | tee "$WORK/replayed.txt"
else
  echo "== replaying with the server stopped (this machine cannot make network namespaces: not root,"
  echo "   and unprivileged user namespaces are off):"
  "${REPLAY[@]}" | tee "$WORK/replayed.txt"
fi

if cmp -s "$WORK/recorded.txt" "$WORK/replayed.txt"; then
  echo "== the replay printed exactly what the recording printed, with no server and no network."
  echo "   Cassette: $WORK/cassette (open interactions/*.yaml to read it)"
else
  echo "== the replay differs from the recording:" >&2
  diff "$WORK/recorded.txt" "$WORK/replayed.txt" >&2
  exit 1
fi
