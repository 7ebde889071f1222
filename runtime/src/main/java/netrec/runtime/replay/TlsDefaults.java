package netrec.runtime.replay;

import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/** The JVM's own TLS defaults, which replayed TLS sockets report as their supported and enabled settings. */
final class TlsDefaults {
    private static volatile SSLContext context;

    private TlsDefaults() {
    }

    static SSLParameters parameters() {
        return context().getDefaultSSLParameters();
    }

    static SSLParameters supported() {
        return context().getSupportedSSLParameters();
    }

    static SSLParameters copy(SSLParameters from) {
        SSLParameters to = new SSLParameters(from.getCipherSuites(), from.getProtocols());
        to.setAlgorithmConstraints(from.getAlgorithmConstraints());
        to.setEndpointIdentificationAlgorithm(from.getEndpointIdentificationAlgorithm());
        to.setServerNames(from.getServerNames());
        to.setSNIMatchers(from.getSNIMatchers());
        to.setUseCipherSuitesOrder(from.getUseCipherSuitesOrder());
        to.setApplicationProtocols(from.getApplicationProtocols());
        if (from.getNeedClientAuth()) {
            to.setNeedClientAuth(true);
        } else if (from.getWantClientAuth()) {
            to.setWantClientAuth(true);
        }
        return to;
    }

    private static SSLContext context() {
        SSLContext current = context;
        if (current == null) {
            try {
                current = SSLContext.getDefault();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("this JVM has no default TLS context", e);
            }
            context = current;
        }
        return current;
    }
}
