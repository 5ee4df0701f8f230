package dev.devcaster.operator.webhook;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTPS server's key material, replaced while it serves: a handshake picks the current
 * certificate by alias, and the few previous ones stay resolvable, so a handshake that started
 * just before a rotation still finishes with the certificate it chose. Connections already open
 * keep theirs; new ones get the new one.
 */
public final class SwappableKeyManager extends X509ExtendedKeyManager {

    private static final int KEPT = 3;

    private final AtomicLong versions = new AtomicLong();
    private final Map<String, ServingCertificate> recent = new LinkedHashMap<>();
    private volatile String currentAlias;

    /** Serves this certificate from the next handshake on. */
    public synchronized void use(ServingCertificate certificate) {
        String alias = "serving-" + versions.incrementAndGet();
        recent.put(alias, certificate);
        while (recent.size() > KEPT) {
            recent.remove(recent.keySet().iterator().next());
        }
        currentAlias = alias;
    }

    /** The certificate new handshakes get; null before the first {@link #use}. */
    public synchronized ServingCertificate current() {
        return currentAlias == null ? null : recent.get(currentAlias);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return chooseServerAlias(keyType, issuers, null);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        String alias = currentAlias;
        ServingCertificate current = alias == null ? null : certificate(alias);
        return current != null && keyType != null && keyType.equalsIgnoreCase(current.key().getAlgorithm()) ? alias : null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        String alias = chooseServerAlias(keyType, issuers, null);
        return alias == null ? null : new String[] {alias};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        ServingCertificate certificate = certificate(alias);
        return certificate == null ? null : new X509Certificate[] {certificate.certificate()};
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        ServingCertificate certificate = certificate(alias);
        return certificate == null ? null : certificate.key();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    private synchronized ServingCertificate certificate(String alias) {
        return recent.get(alias);
    }
}
