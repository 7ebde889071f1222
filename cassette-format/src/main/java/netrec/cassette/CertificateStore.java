package netrec.cassette;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.apache.commons.codec.digest.DigestUtils;

/** Server certificate chains kept as PEM files named by their SHA-256, each chain stored once. */
public final class CertificateStore {
    private final CassetteLayout layout;

    public CertificateStore(CassetteLayout layout) {
        this.layout = layout;
    }

    /** Stores a chain given as DER encodings, leaf first; returns the name {@link Tls#certificates()} uses. */
    public String store(List<byte[]> derChain) throws IOException {
        StringBuilder pem = new StringBuilder();
        Base64.Encoder base64 = Base64.getMimeEncoder(64, new byte[] {'\n'});
        for (byte[] der : derChain) {
            pem.append("-----BEGIN CERTIFICATE-----\n")
                    .append(base64.encodeToString(der))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        byte[] bytes = pem.toString().getBytes(StandardCharsets.US_ASCII);
        String sha256 = DigestUtils.sha256Hex(bytes);
        Path target = layout.certificateChain(sha256);
        if (!Files.exists(target)) {
            Files.createDirectories(layout.certificates());
            Path partial = layout.certificates().resolve(".partial-" + UUID.randomUUID());
            Files.write(partial, bytes);
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException raced) {
                Files.delete(partial);
            }
        }
        return sha256;
    }

    /** Problems with the chain stored under {@code sha256}, or null when it reads as X.509 certificates. */
    public String check(String sha256) {
        try {
            return load(sha256).isEmpty() ? "the certificate chain " + layout.certificateChain(sha256)
                    + " holds no certificate" : null;
        } catch (CassetteException e) {
            return e.getMessage();
        }
    }

    /** The chain stored under {@code sha256}, leaf first; read only from a regular file inside the cassette. */
    public List<X509Certificate> load(String sha256) {
        Path file = layout.certificateChain(sha256);
        String unreadable = layout.whyNotReadable(file);
        if (unreadable != null) {
            throw new CassetteException("the certificate chain " + file + " " + unreadable
                    + "; record the cassette again, or restore the file");
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> chain = new ArrayList<>();
            for (Object certificate : factory.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file)))) {
                chain.add((X509Certificate) certificate);
            }
            return chain;
        } catch (IOException | CertificateException e) {
            throw new CassetteException("cannot read the certificate chain " + file + ": " + e.getMessage()
                    + "; record the cassette again, or restore the file", e);
        }
    }
}
