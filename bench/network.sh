#!/usr/bin/env bash
# Benchmarks 2-4 of the README, whole-process, one HttpURLConnection client against a loopback server:
#   first     time from JVM start to the first HTTPS response: no agent, recording, replaying
#   record    throughput with and without recording: 10,000 small requests (req/s) and a 1 GiB download (MB/s),
#             over HTTP and HTTPS; for the download also the floor of any recorder (the client itself copying,
#             hashing and writing every byte on a second thread, no agent) and the file system's own write speed
#   replay    netrec replay against WireMock 3.9 playing back the same recording (its stubs made from the cassette):
#             small requests (req/s, p50, p99) timed from a fresh JVM (10,000 after 200 warm-up requests) and in
#             steady state (100,000 after 50,000), and a 100 MB body (MB/s), HTTP and HTTPS, beside a plain copy of
#             the same body file to a socket by a server thread in the client's own JVM, and netrec serving a body
#             never checked on this machine (its SHA-256 computed as it streams)
#   threads   1, 16 and 150 threads in one JVM, each a keep-alive HttpURLConnection GET loop, 3 s to warm up then
#             8 s timed (req/s, p50, p99): netrec replay against WireMock 3.13 standalone (no request journal)
#             serving the same recorded response, over HTTP
#   bash bench/network.sh [RUNS] [first|record|replay|threads...]   Needs agent/target/netrec.jar. Prints medians
#   and (min-max) of the sections named, or of all four. The configurations of a table take turns, run after run,
#   so that the machine's slower moments fall on all of them alike.
#   NETREC_BEFORE=/path/to/other/netrec.jar measures that jar too, beside this build's, in the same turns.
# Downloads are timed after one small request has set the client up (for HTTPS: loaded its trust store).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${1:-5}
SECTIONS=${*:2}
SECTIONS=${SECTIONS:-first record replay threads}
wants() { [[ " $SECTIONS " == *" $1 "* ]]; }
WORK=$(mktemp -d)
cleanup() { kill "${BENCH_SERVER:-}" "${WIREMOCK_PID:-}" "${WIREMOCK13_PID:-}" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
source bench/lib.sh
start_bench_server
H=http://localhost:$HTTP_PORT
S=https://localhost:$HTTPS_PORT
repeat() { local out=""; for _ in $(seq 1 "$RUNS"); do out+="$("$@") "; done; tr ' ' '\n' <<<"$out" | grep . | median_spread; }

# turns KEY LABEL COMMAND [LABEL COMMAND...]: runs the COMMANDs (shell text) in turn, RUNS times over, and prints a
# row per LABEL: the median (min-max) of the value after KEY in what its runs printed, and their p50 and p99 when
# they printed latencies.
turns() {
  local key=$1 i row
  shift
  local labels=() commands=()
  while [ $# -gt 0 ]; do labels+=("$1"); commands+=("$2"); shift 2; done
  for i in "${!labels[@]}"; do : > "$WORK/turn-$i"; done
  for _ in $(seq 1 "$RUNS"); do
    for i in "${!labels[@]}"; do eval "${commands[$i]}" >> "$WORK/turn-$i"; done
  done
  for i in "${!labels[@]}"; do
    row="$(field "$key" < "$WORK/turn-$i" | median_spread)"
    if grep -q p50-us "$WORK/turn-$i"; then
      row+=" | p50 $(field p50-us < "$WORK/turn-$i" | median_spread) us | p99 $(field p99-us < "$WORK/turn-$i" | median_spread) us"
    fi
    echo "| ${labels[$i]} | $row |"
  done
}

echo "== $(java -version 2>&1 | head -1), $(nproc) cores, $RUNS runs each: median (min-max)"

if wants first; then
echo "== 2. first HTTPS response, ms from JVM start"
java "$AGENT=record,cassette=$WORK/first" "${CLIENT[@]}" BenchClient first "$S/small" >/dev/null
first_none() { java "${CLIENT[@]}" BenchClient first "$S/small" | field first-response-ms; }
first_record() { rm -rf "$WORK/first-r"; java "$AGENT=record,cassette=$WORK/first-r" "${CLIENT[@]}" BenchClient first "$S/small" | field first-response-ms; }
first_replay() { java "$AGENT=replay,cassette=$WORK/first" "${CLIENT[@]}" BenchClient first "$S/small" | field first-response-ms; }
echo "| no agent | $(repeat first_none) |"
echo "| record | $(repeat first_record) |"
echo "| replay | $(repeat first_replay) |"

fi

if wants record; then
echo "== 3. throughput while recording (the writer thread streams bodies to disk)"
# MB/s of writing 1 GiB to a file, "$@" being dd's options: into the page cache, or synced to the disk
disk() { rm -f "$WORK/disk"; dd if=/dev/zero of="$WORK/disk" bs=1M count=1024 "$@" 2>&1 | awk '/copied/ {printf "%.0f\n", $1 / $(NF-3) / 1e6}'; }
echo "| disk, 1 GiB written to the page cache, MB/s | $(repeat disk) |"
echo "| disk, 1 GiB written and synced, MB/s | $(repeat disk conv=fsync) |"
rm -f "$WORK/disk"
for URL in "$H" "$S"; do
  P=${URL%%:*}
  rows=("$P 10,000 small, no agent, req/s" "java ${CLIENT[*]} BenchClient small $URL/small 10000")
  for v in "${VERSIONS[@]}"; do
    rows+=("$P 10,000 small, recording ($v), req/s" "rm -rf $WORK/t; java $(agent "$v")=record,cassette=$WORK/t ${CLIENT[*]} BenchClient small $URL/small 10000")
  done
  turns requests-per-second "${rows[@]}"
  rows=("$P 1 GiB, no agent, MB/s" "java ${CLIENT[*]} BenchClient bulk $URL/bytes/1073741824 $URL/small")
  for v in "${VERSIONS[@]}"; do
    rows+=("$P 1 GiB, recording ($v), MB/s" "rm -rf $WORK/t; java $(agent "$v")=record,cassette=$WORK/t ${CLIENT[*]} BenchClient bulk $URL/bytes/1073741824 $URL/small")
  done
  rows+=("$P 1 GiB, no agent, keeping a copy, MB/s" "java ${CLIENT[*]} BenchClient keep $URL/bytes/1073741824 $WORK/kept $URL/small")
  turns megabytes-per-second "${rows[@]}"
done
rm -rf "$WORK/t" "$WORK/kept"

fi

if wants replay || wants threads; then
# the first JVM records the cassette, the others add to it (record would replace it each time)
MODE=record
for URL in "$H" "$S"; do
  java "$AGENT=$MODE,cassette=$WORK/replay" "${CLIENT[@]}" BenchClient small "$URL/small" 20 >/dev/null
  MODE=update
  java "$AGENT=$MODE,cassette=$WORK/replay" "${CLIENT[@]}" BenchClient bulk "$URL/bytes/104857600" >/dev/null
done
kill "$BENCH_SERVER"; wait "$BENCH_SERVER" 2>/dev/null || true
java -cp "$WORK/classes:$NETREC_CP" CassetteToWireMock "$WORK/replay" "$WORK/wiremock" >/dev/null
BIG=$WORK/replay/bodies/$(ls -S "$WORK/replay/bodies" | head -1)
fi

if wants replay; then
echo "== 4. replay: netrec against WireMock playing back the same recording"
java -jar "$WIREMOCK" --disable-banner --no-request-journal --bind-address 127.0.0.1 --port "$HTTP_PORT" \
  --https-port "$HTTPS_PORT" --https-keystore "$WORK/server.p12" --keystore-type PKCS12 --keystore-password changeit \
  --key-manager-password changeit --root-dir "$WORK/wiremock" > "$WORK/wiremock.log" 2>&1 &
WIREMOCK_PID=$!
for _ in $(seq 1 100); do (echo > "/dev/tcp/127.0.0.1/$HTTP_PORT") 2>/dev/null && break; sleep 0.2; done
# netrec answers blocking sockets inside the client's JVM: WireMock, up on the recorded ports, never sees its requests
for URL in "$H" "$S"; do
  P=${URL%%:*}
  for WARM in 200 50000; do
    # steady state is timed over 100,000 requests: over 10,000 (a quarter of a second), a compilation of the JIT's
    # falling inside the window moved a run's figure up to fourfold
    [ "$WARM" = 200 ] && WHEN="fresh JVM" N=10000 || WHEN="steady" N=100000
    rows=()
    for v in "${VERSIONS[@]}"; do
      rows+=("netrec ($v) $P small, $WHEN, req/s" "java $(agent "$v")=replay,cassette=$WORK/replay ${CLIENT[*]} BenchClient small $URL/small $N $WARM")
    done
    rows+=("WireMock $P small, $WHEN, req/s" "java ${CLIENT[*]} BenchClient small $URL/small $N $WARM")
    turns requests-per-second "${rows[@]}"
  done
  rows=()
  for v in "${VERSIONS[@]}"; do
    rows+=("netrec ($v) $P 100 MB, MB/s" "java $(agent "$v")=replay,cassette=$WORK/replay ${CLIENT[*]} BenchClient bulk $URL/bytes/104857600 $URL/small")
  done
  rows+=("netrec (now) $P 100 MB, body never checked on this machine, MB/s" "rm -rf $WORK/fresh; java $AGENT=replay,cassette=$WORK/replay,class-cache=$WORK/fresh/classes ${CLIENT[*]} BenchClient bulk $URL/bytes/104857600 $URL/small")
  rows+=("plain copy of the body file to a socket, same JVM, $P, MB/s" "java ${CLIENT[*]} BenchClient plain $P $BIG $WORK/server.p12 changeit")
  rows+=("WireMock $P 100 MB, MB/s" "java ${CLIENT[*]} BenchClient bulk $URL/bytes/104857600 $URL/small")
  turns megabytes-per-second "${rows[@]}"
done
kill "$WIREMOCK_PID"; wait "$WIREMOCK_PID" 2>/dev/null || true
fi

if wants threads; then
echo "== threads: one JVM, each thread a keep-alive GET loop, 3 s warm-up, 8 s timed, HTTP"
mvn -B -q dependency:get -Dartifact=org.wiremock:wiremock-standalone:3.13.1 >/dev/null
WIREMOCK13=$HOME/.m2/repository/org/wiremock/wiremock-standalone/3.13.1/wiremock-standalone-3.13.1.jar
java -jar "$WIREMOCK13" --disable-banner --no-request-journal --bind-address 127.0.0.1 --port "$HTTP_PORT" \
  --root-dir "$WORK/wiremock" > "$WORK/wiremock13.log" 2>&1 &
WIREMOCK13_PID=$!
for _ in $(seq 1 100); do (echo > "/dev/tcp/127.0.0.1/$HTTP_PORT") 2>/dev/null && break; sleep 0.2; done
for T in 1 16 150; do
  # each thread keeps its own connection: the JVM keeps at most http.maxConnections idle per server (5 by default)
  KEEP=-Dhttp.maxConnections=$((T + 10))
  rows=()
  for v in "${VERSIONS[@]}"; do
    rows+=("netrec ($v), $T threads, req/s" "java $KEEP $(agent "$v")=replay,cassette=$WORK/replay ${CLIENT[*]} BenchClient threads $H/small $T 3 8")
  done
  rows+=("WireMock 3.13, $T threads, req/s" "java $KEEP ${CLIENT[*]} BenchClient threads $H/small $T 3 8")
  turns requests-per-second "${rows[@]}"
done
fi
