package io.privastream.link;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A node's long-term identity on its links: an Ed25519 key pair and a self-signed certificate
 * carrying it. Nobody checks the certificate's names or dates; what the other end checks is the
 * key, by its {@link Pin}, which the tracker vouches for (agents) or the operator configures
 * (tracker, relay). The certificate exists only because TLS carries keys in certificates.
 *
 * <p>Immutable and thread-safe. Kept on disk as one PEM file (PKCS#8 key, then the certificate),
 * readable by its owner only.
 */
public final class NodeIdentity {
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)-----END \\1-----");
    /** Certificates are never checked for expiry; a long validity just keeps tools quiet. */
    private static final Duration VALIDITY = Duration.ofDays(3650);

    private final PrivateKey privateKey;
    private final X509Certificate certificate;
    private final Pin pin;

    private NodeIdentity(PrivateKey privateKey, X509Certificate certificate) {
        this.privateKey = privateKey;
        this.certificate = certificate;
        this.pin = Pin.of(certificate);
    }

    /** A fresh identity (new Ed25519 key from the platform's {@link SecureRandom}), held in memory only. */
    public static NodeIdentity generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            KeyPair pair = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name name = new X500Name("CN=privastream-node");
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()).abs(),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(VALIDITY)), name, pair.getPublic());
            var signer = new JcaContentSignerBuilder("Ed25519").build(pair.getPrivate());
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            return new NodeIdentity(pair.getPrivate(), cert);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new LinkException("cannot mint a node identity: " + e.getMessage(), e);
        }
    }

    /**
     * The identity stored in {@code file}, made and stored (mode 600, written atomically) when
     * the file does not exist. An existing file is never overwritten.
     *
     * @throws LinkException naming the file when it cannot be read, is damaged, or cannot be written
     */
    public static NodeIdentity loadOrCreate(Path file) {
        if (Files.exists(file)) {
            return load(file);
        }
        NodeIdentity made = generate();
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".identity", ".tmp");
            try {
                setOwnerOnly(tmp);
                Files.writeString(tmp, made.pem(), StandardCharsets.US_ASCII);
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new LinkException("cannot store the node identity in " + file + ": " + e.getMessage(), e);
        }
        return made;
    }

    /**
     * The identity stored in {@code file}.
     *
     * @throws LinkException naming the file when it cannot be read or is not an identity file
     */
    public static NodeIdentity load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new LinkException("cannot read the node identity " + file + ": " + e.getMessage(), e);
        }
        byte[] key = null;
        byte[] cert = null;
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            switch (m.group(1)) {
                case "PRIVATE KEY" -> key = der;
                case "CERTIFICATE" -> cert = der;
                default -> {
                    // other blocks are not ours; ignore them
                }
            }
        }
        if (key == null || cert == null) {
            throw new LinkException("node identity " + file + " is damaged: it needs a PRIVATE KEY and a CERTIFICATE block; "
                    + "move it away to make a new identity (peers and agents pinning the old key will refuse the new one)");
        }
        try {
            PrivateKey privateKey = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(key));
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(cert));
            return new NodeIdentity(privateKey, certificate);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new LinkException("node identity " + file + " is damaged: " + e.getMessage(), e);
        }
    }

    /** The private key; never leaves this process except through {@link #loadOrCreate}'s file. */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The self-signed certificate carrying the public key. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The fingerprint others pin this node by. */
    public Pin pin() {
        return pin;
    }

    private String pem() {
        try {
            return block("PRIVATE KEY", privateKey.getEncoded()) + block("CERTIFICATE", certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new LinkException("cannot encode the node identity: " + e.getMessage(), e);
        }
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void setOwnerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the platform's default protection applies.
        }
    }

    @Override
    public String toString() {
        return "node " + pin;
    }
}
