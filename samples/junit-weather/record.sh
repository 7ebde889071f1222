#!/usr/bin/env bash
# Re-records this sample's cassettes. The weather API is a stand-in served on this machine by WireMock from
# api-stub/, under its real name (a hosts file maps api.weather.example to 127.0.0.1) and over HTTPS (a
# certificate made here, trusted by the test JVM while it records). Then the tests run again with no network.
# netrec comes from the local Maven repository (run `mvn install` at the root of the netrec repository once).
# Environment: NETREC_ROOT (the netrec repository, default ../..); MAVEN_ARGS (Maven 3.9+) reaches every mvn here.
set -euo pipefail
cd "$(dirname "$0")"
WORK=$PWD/target/record
NETREC_ROOT=${NETREC_ROOT:-$PWD/../..}
WIREMOCK_VERSION=3.9.2
WIREMOCK=$HOME/.m2/repository/org/wiremock/wiremock-standalone/$WIREMOCK_VERSION/wiremock-standalone-$WIREMOCK_VERSION.jar
rm -rf "$WORK" && mkdir -p "$WORK"
[ -f "$WIREMOCK" ] || mvn -q dependency:get -Dartifact=org.wiremock:wiremock-standalone:$WIREMOCK_VERSION

source "$NETREC_ROOT/samples/certificate.sh"
make_certificate "$WORK/api.p12" "$WORK/trust.p12" api.weather.example dns:api.weather.example
echo "127.0.0.1 api.weather.example" > "$WORK/hosts"

java -jar "$WIREMOCK" --disable-banner --bind-address 127.0.0.1 --port 0 --https-port 48443 \
  --https-keystore "$WORK/api.p12" --keystore-type PKCS12 --keystore-password changeit \
  --key-manager-password changeit --root-dir api-stub > "$WORK/wiremock.log" 2>&1 &
API=$!
trap 'kill $API 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do (echo > /dev/tcp/127.0.0.1/48443) 2>/dev/null && break; sleep 0.2; done

echo "== recording: mvn test -Dnetrec.mode=record"
mvn -q -B test -Dnetrec.mode=record -Dtest.jvm.extra="-Djdk.net.hosts.file=$WORK/hosts \
  -Djavax.net.ssl.trustStore=$WORK/trust.p12 -Djavax.net.ssl.trustStorePassword=changeit"
kill $API; wait $API 2>/dev/null || true

echo "== replaying: mvn test, API stopped$(unshare -n true 2>/dev/null && echo ', no network')"
if unshare -n true 2>/dev/null; then
  unshare -n sh -c 'ip link set lo up && exec "$@"' replay mvn -q -B -o test
else
  mvn -q -B -o test
fi
echo "== done: the cassettes are in src/test/resources/netrec"
