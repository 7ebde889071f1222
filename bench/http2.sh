#!/usr/bin/env bash
# HTTP/2 and gRPC benchmarks, whole-process, everything on loopback:
#   replay   the JDK HttpClient over h2 (TLS, ALPN) against WireMock (Jetty's HTTP/2) and against netrec replaying
#            its recording: 10,000 small GETs one after another (fresh JVM, after 200 warm-up), 10,000 with 100
#            streams in flight on one connection, and a 256 MB body
#   record   the same 256 MB h2 download with no agent and while recording (MB/s)
#   grpc     unary calls with grpc-netty-shaded: grpc-java's own server, netrec replaying its recording, and WireMock
#            with its gRPC extension (the stand-in a user would pick to mock a gRPC service)
#   bash bench/http2.sh [RUNS] [replay|record|grpc...]   Needs agent/target/netrec.jar and Maven Central (the jars of
#   bench/http2/pom.xml). Prints medians and (min-max).
#   NETREC_BEFORE=/path/to/other/netrec.jar replays with that jar too, each of its rows beside this build's.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${1:-5}
SECTIONS=${*:2}
SECTIONS=${SECTIONS:-replay record grpc}
wants() { [[ " $SECTIONS " == *" $1 "* ]]; }
WORK=$(mktemp -d)
cleanup() { kill "${WIREMOCK_PID:-}" "${GRPC_PID:-}" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
source bench/lib.sh
mvn -B -q -f bench/http2/pom.xml dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
CP=$(cat "$WORK/cp.txt")
mkdir -p "$WORK/h2classes"
javac -cp "$CP" -d "$WORK/h2classes" bench/http2/*.java
H2=(-cp "$WORK/h2classes:$CP" "${TRUST[@]}")
# row RATE < LINES: the median (min-max) of the field RATE of the measuring programs' lines, with their p50 and p99
# when they print them
row() {
  local lines; lines=$(cat)
  printf '%s' "$(field "$1" <<<"$lines" | median_spread)"
  if grep -q p50-us <<<"$lines"; then
    printf ' | p50 %s us | p99 %s us' "$(field p50-us <<<"$lines" | median_spread)" "$(field p99-us <<<"$lines" | median_spread)"
  fi
}
# runs RATE COMMAND...: RUNS runs of COMMAND, as one row
runs() { local rate=$1; shift; for _ in $(seq 1 "$RUNS"); do "$@"; done | row "$rate"; }
# each_jar LABEL RATE COMMAND...: a table row per netrec.jar measured, RUNS runs of COMMAND each with REPLAYING set
# to that jar's -javaagent option (the netrec_* functions below replay with it), the jars taking turns run after run
each_jar() {
  local label=$1 rate=$2 v; shift 2
  for v in "${VERSIONS[@]}"; do : > "$WORK/rows-$v.txt"; done
  for _ in $(seq 1 "$RUNS"); do
    for v in "${VERSIONS[@]}"; do REPLAYING=$(agent "$v") "$@" >> "$WORK/rows-$v.txt"; done
  done
  for v in "${VERSIONS[@]}"; do echo "| netrec replay ($v), $label | $(row "$rate" < "$WORK/rows-$v.txt") |"; done
}

echo "== $(java -version 2>&1 | head -1), $(nproc) cores, $RUNS runs each: median (min-max)"

if wants replay || wants record; then
WM=$(tr ':' '\n' <<<"$CP" | grep wiremock-standalone)
mkdir -p "$WORK/wm/mappings" "$WORK/wm/__files"
head -c 268435456 /dev/urandom > "$WORK/wm/__files/big.bin"
cat > "$WORK/wm/mappings/bench.json" <<'JSON'
{"mappings": [
  {"request": {"method": "GET", "url": "/small"}, "response": {"status": 200, "headers": {"Content-Type": "application/json"},
   "body": "{\"id\":42,\"name\":\"small response\",\"padding\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}"}},
  {"request": {"method": "GET", "url": "/big"}, "response": {"status": 200, "headers": {"Content-Type": "application/octet-stream"},
   "bodyFileName": "big.bin"}}
]}
JSON
HTTP_PORT=$(free_port); HTTPS_PORT=$(free_port)
java -jar "$WM" --disable-banner --no-request-journal --bind-address 127.0.0.1 --port "$HTTP_PORT" \
  --https-port "$HTTPS_PORT" --https-keystore "$WORK/server.p12" --keystore-type PKCS12 --keystore-password changeit \
  --key-manager-password changeit --root-dir "$WORK/wm" > "$WORK/wiremock.log" 2>&1 &
WIREMOCK_PID=$!
for _ in $(seq 1 100); do (echo > "/dev/tcp/127.0.0.1/$HTTPS_PORT") 2>/dev/null && break; sleep 0.2; done
S=https://localhost:$HTTPS_PORT
fi

if wants record; then
echo "== h2 download of 256 MB, MB/s"
bulk_none() { java "${H2[@]}" H2Client bulk "$S/big" "$S/small"; }
bulk_record() { rm -rf "$WORK/t"; java "$AGENT=record,cassette=$WORK/t" "${H2[@]}" H2Client bulk "$S/big" "$S/small"; }
echo "| no agent | $(runs megabytes-per-second bulk_none) |"
echo "| recording | $(runs megabytes-per-second bulk_record) |"
rm -rf "$WORK/t"
fi

if wants replay; then
echo "== h2 replay: netrec against WireMock, the server it recorded"
java "$AGENT=record,cassette=$WORK/h2" "${H2[@]}" H2Client small "$S/small" 20 0 >/dev/null
java "$AGENT=record,cassette=$WORK/h2" "${H2[@]}" H2Client bulk "$S/big" "$S/small" >/dev/null
wm_small() { java "${H2[@]}" H2Client small "$S/small" 10000 200; }
wm_concurrent() { java "${H2[@]}" H2Client concurrent "$S/small" 10000 100; }
wm_bulk() { java "${H2[@]}" H2Client bulk "$S/big" "$S/small"; }
echo "| WireMock, 10,000 small, req/s | $(runs requests-per-second wm_small) |"
echo "| WireMock, 10,000 small with 100 in flight, req/s | $(runs requests-per-second wm_concurrent) |"
echo "| WireMock, 256 MB, MB/s | $(runs megabytes-per-second wm_bulk) |"
kill "$WIREMOCK_PID"; wait "$WIREMOCK_PID" 2>/dev/null || true
netrec_small() { java "$REPLAYING=replay,cassette=$WORK/h2" "${H2[@]}" H2Client small "$S/small" 10000 200; }
netrec_concurrent() { java "$REPLAYING=replay,cassette=$WORK/h2" "${H2[@]}" H2Client concurrent "$S/small" 10000 100; }
netrec_bulk() { java "$REPLAYING=replay,cassette=$WORK/h2" "${H2[@]}" H2Client bulk "$S/big" "$S/small"; }
each_jar "10,000 small, req/s" requests-per-second netrec_small
each_jar "10,000 small with 100 in flight, req/s" requests-per-second netrec_concurrent
each_jar "256 MB, MB/s" megabytes-per-second netrec_bulk
fi

if wants grpc; then
echo "== gRPC unary calls (grpc-netty-shaded, plaintext): 10,000 after 500 to warm up"
GRPC_PORT=$(free_port)
java "${H2[@]}" GrpcEcho server "$GRPC_PORT" > "$WORK/grpc.log" 2>&1 &
GRPC_PID=$!
for _ in $(seq 1 100); do grep -q ready "$WORK/grpc.log" 2>/dev/null && break; sleep 0.1; done
java "$AGENT=record,cassette=$WORK/grpc" "${H2[@]}" GrpcEcho client "$GRPC_PORT" 20 0 >/dev/null
real_calls() { java "${H2[@]}" GrpcEcho client "$GRPC_PORT" 10000 500; }
echo "| grpc-java server, calls/s | $(runs calls-per-second real_calls) |"
kill "$GRPC_PID"; wait "$GRPC_PID" 2>/dev/null || true
netrec_calls() { java "$REPLAYING=replay,cassette=$WORK/grpc" "${H2[@]}" GrpcEcho client "$GRPC_PORT" 10000 500; }
each_jar "calls/s" calls-per-second netrec_calls
mvn -B -q -f bench/http2/stand-in/pom.xml dependency:build-classpath -Dmdep.outputFile="$WORK/cp-stand-in.txt" >/dev/null
mkdir -p "$WORK/stand-in"
javac -cp "$(cat "$WORK/cp-stand-in.txt")" -d "$WORK/stand-in" bench/http2/stand-in/WireMockGrpc.java
java -cp "$WORK/stand-in:$(cat "$WORK/cp-stand-in.txt")" WireMockGrpc "$GRPC_PORT" "$WORK/wm-grpc" > "$WORK/grpc-stand-in.log" 2>&1 &
GRPC_PID=$!
for _ in $(seq 1 200); do grep -q ready "$WORK/grpc-stand-in.log" 2>/dev/null && break; sleep 0.1; done
echo "| WireMock gRPC extension 0.11, calls/s | $(runs calls-per-second real_calls) |"
kill "$GRPC_PID"; wait "$GRPC_PID" 2>/dev/null || true
fi
