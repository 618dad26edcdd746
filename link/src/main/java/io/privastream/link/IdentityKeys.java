package io.privastream.link;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Offers the node's one identity whenever TLS asks for an Ed25519 key, as client and as server,
 * whatever issuers the other end names (they are self-signed). Thread-safe.
 */
final class IdentityKeys extends X509ExtendedKeyManager {
    private static final String ALIAS = "node";
    private final NodeIdentity identity;

    IdentityKeys(NodeIdentity identity) {
        this.identity = identity;
    }

    private String aliasFor(String keyType) {
        // JSSE names the type by key algorithm: "EdDSA" (or "Ed25519") for our keys.
        return keyType != null && (keyType.equalsIgnoreCase(identity.privateKey().getAlgorithm()) || keyType.equalsIgnoreCase("Ed25519")
                || keyType.equalsIgnoreCase("EdDSA")) ? ALIAS : null;
    }

    private String firstOf(String[] keyTypes) {
        if (keyTypes != null) {
            for (String t : keyTypes) {
                if (aliasFor(t) != null) {
                    return ALIAS;
                }
            }
        }
        return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return aliasFor(keyType) == null ? null : new String[] {ALIAS};
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return firstOf(keyType);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return firstOf(keyType);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return aliasFor(keyType) == null ? null : new String[] {ALIAS};
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return aliasFor(keyType);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return aliasFor(keyType);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? new X509Certificate[] {identity.certificate()} : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? identity.privateKey() : null;
    }
}
