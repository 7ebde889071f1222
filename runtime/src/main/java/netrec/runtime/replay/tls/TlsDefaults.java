package netrec.runtime.replay.tls;

import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * The JVM's own TLS defaults, which replayed TLS sockets report as their supported and enabled settings. They are
 * read from an SSLEngine: {@link SSLContext#getDefaultSSLParameters()} would make a socket through the very factory
 * method replay intercepts, and come back here.
 */
final class TlsDefaults {
    private static volatile SSLEngine engine;

    private TlsDefaults() {
    }

    static SSLParameters parameters() {
        return engine().getSSLParameters();
    }

    static SSLParameters supported() {
        SSLEngine defaults = engine();
        return new SSLParameters(defaults.getSupportedCipherSuites(), defaults.getSupportedProtocols());
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

    private static SSLEngine engine() {
        SSLEngine current = engine;
        if (current == null) {
            try {
                current = SSLContext.getDefault().createSSLEngine();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("this JVM has no default TLS context", e);
            }
            current.setUseClientMode(true);
            engine = current;
        }
        return current;
    }
}
