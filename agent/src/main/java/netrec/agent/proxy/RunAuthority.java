package netrec.agent.proxy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A certificate authority made for one run of a command and forgotten with it: its key never leaves the JVM's memory,
 * and only its certificate is written, for the run's programs that are not JVMs to trust (through the variables they
 * read). It signs a certificate for each server those programs ask the {@link ChildrenProxy} for, so that the proxy
 * can read what they send over TLS. EC P-256 keys and ECDSA with SHA-256, which curl, wget, node, git and python all
 * take.
 */
final class RunAuthority {
    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String SUBJECT_KEY_IDENTIFIER = "2.5.29.14";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String SUBJECT_ALTERNATIVE_NAME = "2.5.29.17";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String AUTHORITY_KEY_IDENTIFIER = "2.5.29.35";
    private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
    private static final String SERVER_AUTHENTICATION = "1.3.6.1.5.5.7.3.1";
    private static final char[] NO_PASSWORD = new char[0];

    private final SecureRandom random = new SecureRandom();
    private final KeyPair authorityKeys;
    private final byte[] authorityName;
    private final X509Certificate authority;
    /** One key for every server's certificate: they live as long as the run. */
    private final KeyPair serverKeys;
    private final Map<String, SSLContext> servers = new HashMap<>();

    private RunAuthority() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        authorityKeys = generator.generateKeyPair();
        serverKeys = generator.generateKeyPair();
        authorityName = name("netrec, this run only (" + ZonedDateTime.now().toInstant() + ")");
        authority = certificate(authorityName, authorityKeys.getPublic().getEncoded(), Der.sequence(
                extension(BASIC_CONSTRAINTS, true, Der.sequence(Der.bool(true))),
                extension(KEY_USAGE, true, Der.bits(new byte[] {0x06}, 1)), // keyCertSign, cRLSign
                extension(SUBJECT_KEY_IDENTIFIER, false, Der.octets(keyIdentifier(authorityKeys)))));
    }

    static RunAuthority create() throws GeneralSecurityException {
        return new RunAuthority();
    }

    X509Certificate certificate() {
        return authority;
    }

    /** The authority's certificate in PEM, as the programs' CA files hold it. */
    String pem() throws GeneralSecurityException {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(authority.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    /** What the proxy serves {@code host}'s TLS with: a certificate for that name (or address), this authority's. */
    synchronized SSLContext serverContext(String host) throws GeneralSecurityException {
        SSLContext context = servers.get(host);
        if (context == null) {
            context = context(host);
            servers.put(host, context);
        }
        return context;
    }

    private SSLContext context(String host) throws GeneralSecurityException {
        X509Certificate server = certificate(name(host), serverKeys.getPublic().getEncoded(), Der.sequence(
                extension(BASIC_CONSTRAINTS, true, Der.sequence()),
                extension(KEY_USAGE, true, Der.bits(new byte[] {(byte) 0x80}, 7)), // digitalSignature
                extension(EXTENDED_KEY_USAGE, false, Der.sequence(Der.oid(SERVER_AUTHENTICATION))),
                extension(SUBJECT_ALTERNATIVE_NAME, false, Der.sequence(alternativeName(host))),
                extension(SUBJECT_KEY_IDENTIFIER, false, Der.octets(keyIdentifier(serverKeys))),
                extension(AUTHORITY_KEY_IDENTIFIER, false,
                        Der.sequence(Der.implicit(0, keyIdentifier(authorityKeys))))));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try {
            keys.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        keys.setKeyEntry(host, serverKeys.getPrivate(), NO_PASSWORD, new Certificate[] {server, authority});
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, NO_PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, random);
        return context;
    }

    /** A certificate for {@code subject} signed by this authority. */
    private X509Certificate certificate(byte[] subject, byte[] publicKey, byte[] extensions)
            throws GeneralSecurityException {
        byte[] algorithm = Der.sequence(Der.oid(ECDSA_WITH_SHA256));
        ZonedDateTime now = ZonedDateTime.now();
        byte[] serial = new byte[16];
        random.nextBytes(serial);
        byte[] toBeSigned = Der.sequence(
                Der.explicit(0, Der.integer(BigInteger.valueOf(2))), // version 3
                Der.integer(new BigInteger(1, serial)),
                algorithm,
                authorityName,
                Der.sequence(Der.utcTime(now.minusDays(1)), Der.utcTime(now.plusDays(30))),
                subject,
                publicKey,
                Der.explicit(3, extensions));
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initSign(authorityKeys.getPrivate());
        signature.update(toBeSigned);
        byte[] certificate = Der.sequence(toBeSigned, algorithm, Der.bits(signature.sign()));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificate));
    }

    private static byte[] name(String commonName) {
        return Der.sequence(Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.utf8(commonName))));
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octets(value))
                : Der.sequence(Der.oid(oid), Der.octets(value));
    }

    /** {@code dNSName}, or {@code iPAddress} for an address literal. */
    private static byte[] alternativeName(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.contains(":") || bare.matches("[0-9.]+")) {
            try {
                return Der.implicit(7, InetAddress.getByName(bare).getAddress()); // a literal: no lookup
            } catch (UnknownHostException notAnAddress) {
                // a name after all
            }
        }
        return Der.implicit(2, bare.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] keyIdentifier(KeyPair keys) throws GeneralSecurityException {
        return MessageDigest.getInstance("SHA-1").digest(keys.getPublic().getEncoded());
    }
}
