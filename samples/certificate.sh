# Sourced by the demos, record.sh and the benchmarks. make_certificate KEYSTORE TRUSTSTORE HOST SAN makes a
# self-signed certificate for HOST (subject alternative names SAN, as keytool takes them: dns:...,ip:...) in the
# PKCS12 file KEYSTORE, and TRUSTSTORE, which trusts it. Both have the password changeit.
make_certificate() {
  keytool -genkeypair -alias server -keyalg RSA -keysize 2048 -validity 3650 -dname "CN=$3" -ext "SAN=$4" \
    -keystore "$1" -storetype PKCS12 -storepass changeit -keypass changeit >/dev/null 2>&1
  keytool -exportcert -alias server -keystore "$1" -storepass changeit -file "$1.cer" >/dev/null 2>&1
  keytool -importcert -noprompt -alias server -file "$1.cer" -keystore "$2" -storetype PKCS12 \
    -storepass changeit >/dev/null 2>&1
}
