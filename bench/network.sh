#!/usr/bin/env bash
# Benchmarks 2-4 of the README, whole-process, one HttpURLConnection client against a loopback server:
#   first     time from JVM start to the first HTTPS response: no agent, recording, replaying
#   record    throughput with and without recording: 10,000 small requests (req/s) and a 1 GiB download (MB/s),
#             over HTTP and HTTPS; for the download also the floor of any recorder (the client itself copying,
#             hashing and writing every byte on a second thread, no agent) and the file system's own write speed
#   replay    netrec replay against WireMock playing back the same recording (its stubs made from the cassette):
#             small requests (req/s, p50, p99) timed from a fresh JVM (after 200 warm-up requests) and in steady
#             state (after 50,000), and a 100 MB body (MB/s), HTTP and HTTPS
#   bash bench/network.sh [RUNS] [first|record|replay...]   Needs agent/target/netrec.jar. Prints medians and
#   (min-max) of the sections named, or of all three.
# Downloads are timed after one small request has set the client up (for HTTPS: loaded its trust store).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${1:-5}
SECTIONS=${*:2}
SECTIONS=${SECTIONS:-first record replay}
wants() { [[ " $SECTIONS " == *" $1 "* ]]; }
WORK=$(mktemp -d)
cleanup() { kill "${BENCH_SERVER:-}" "${WIREMOCK_PID:-}" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
source bench/lib.sh
start_bench_server
H=http://localhost:$HTTP_PORT
S=https://localhost:$HTTPS_PORT
AGENT=-javaagent:$JAR
repeat() { local out=""; for _ in $(seq 1 "$RUNS"); do out+="$("$@") "; done; tr ' ' '\n' <<<"$out" | grep . | median_spread; }

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
echo "| | no agent | recording | no agent, keeping a copy |"
for URL in "$H" "$S"; do
  small_none() { java "${CLIENT[@]}" BenchClient small "$URL/small" 10000 | field requests-per-second; }
  small_record() { rm -rf "$WORK/t"; java "$AGENT=record,cassette=$WORK/t" "${CLIENT[@]}" BenchClient small "$URL/small" 10000 | field requests-per-second; }
  bulk_none() { java "${CLIENT[@]}" BenchClient bulk "$URL/bytes/1073741824" "$URL/small" | field megabytes-per-second; }
  bulk_record() { rm -rf "$WORK/t"; java "$AGENT=record,cassette=$WORK/t" "${CLIENT[@]}" BenchClient bulk "$URL/bytes/1073741824" "$URL/small" | field megabytes-per-second; }
  bulk_keep() { java "${CLIENT[@]}" BenchClient keep "$URL/bytes/1073741824" "$WORK/kept" "$URL/small" | field megabytes-per-second; }
  echo "| ${URL%%:*} 10,000 small, req/s | $(repeat small_none) | $(repeat small_record) | |"
  echo "| ${URL%%:*} 1 GiB, MB/s | $(repeat bulk_none) | $(repeat bulk_record) | $(repeat bulk_keep) |"
done
rm -rf "$WORK/t" "$WORK/kept"

fi

if wants replay; then
echo "== 4. replay: netrec against WireMock playing back the same recording"
for URL in "$H" "$S"; do
  java "$AGENT=record,cassette=$WORK/replay" "${CLIENT[@]}" BenchClient small "$URL/small" 20 >/dev/null
  java "$AGENT=record,cassette=$WORK/replay" "${CLIENT[@]}" BenchClient bulk "$URL/bytes/104857600" >/dev/null
done
kill "$BENCH_SERVER"; wait "$BENCH_SERVER" 2>/dev/null || true
java -cp "$WORK/classes:$JAR" CassetteToWireMock "$WORK/replay" "$WORK/wiremock" >/dev/null
# Prints one table row: the median (min-max) of requests per second, p50 and p99 over RUNS runs of "$@".
small_row() {
  for _ in $(seq 1 "$RUNS"); do "$@"; done > "$WORK/small.txt"
  echo "$(field requests-per-second < "$WORK/small.txt" | median_spread) req/s | p50 $(field p50-us < "$WORK/small.txt" | median_spread) us | p99 $(field p99-us < "$WORK/small.txt" | median_spread) us"
}
for URL in "$H" "$S"; do
  netrec_small() { java "$AGENT=replay,cassette=$WORK/replay" "${CLIENT[@]}" BenchClient small "$URL/small" 10000 "$@"; }
  netrec_bulk() { java "$AGENT=replay,cassette=$WORK/replay" "${CLIENT[@]}" BenchClient bulk "$URL/bytes/104857600" "$URL/small" | field megabytes-per-second; }
  echo "| netrec ${URL%%:*} small, fresh JVM | $(small_row netrec_small 200) |"
  echo "| netrec ${URL%%:*} small, steady | $(small_row netrec_small 50000) |"
  echo "| netrec ${URL%%:*} 100 MB | $(repeat netrec_bulk) MB/s |"
done
java -jar "$WIREMOCK" --disable-banner --no-request-journal --bind-address 127.0.0.1 --port "$HTTP_PORT" \
  --https-port "$HTTPS_PORT" --https-keystore "$WORK/server.p12" --keystore-type PKCS12 --keystore-password changeit \
  --key-manager-password changeit --root-dir "$WORK/wiremock" > "$WORK/wiremock.log" 2>&1 &
WIREMOCK_PID=$!
for _ in $(seq 1 100); do (echo > "/dev/tcp/127.0.0.1/$HTTP_PORT") 2>/dev/null && break; sleep 0.2; done
for URL in "$H" "$S"; do
  wiremock_small() { java "${CLIENT[@]}" BenchClient small "$URL/small" 10000 "$@"; }
  wiremock_bulk() { java "${CLIENT[@]}" BenchClient bulk "$URL/bytes/104857600" "$URL/small" | field megabytes-per-second; }
  echo "| WireMock ${URL%%:*} small, fresh JVM | $(small_row wiremock_small 200) |"
  echo "| WireMock ${URL%%:*} small, steady | $(small_row wiremock_small 50000) |"
  echo "| WireMock ${URL%%:*} 100 MB | $(repeat wiremock_bulk) MB/s |"
done
fi
