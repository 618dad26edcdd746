package io.privastream.core.incentive;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * The ledger's signed word on identity {@code pin}'s standing at {@code issuedAtMillis} — its
 * balance, what it has earned serving others, and how long the ledger has known it: what an
 * agent shows a server so that the server can rank its requests by standing without asking the
 * ledger itself ({@link ServerStanding}).
 *
 * <p>The tracker that keeps the ledger issues it, only to the key the asking link proved, and
 * signs it (Ed25519, its node identity) over {@code privastream-standing/1}, pin, balance,
 * earned, known-for and time. The issuer's public key travels with it; a server trusts it when the key's pin is the one
 * it was configured with. On the wire (header {@code X-PrivaStream-Standing}) it is
 * {@code v1.<pin>.<balance>.<earned>.<knownForMillis>.<issuedAtMillis>.<issuerKey>.<signature>},
 * the last two base64url.
 *
 * @param pin            the identity it speaks for ({@code sha256:<base64url>})
 * @param balanceBytes   its balance at the ledger (may be negative)
 * @param earnedBytes    credit it has earned serving others, all time
 * @param knownForMillis how long the ledger's keeper had known this key when it issued the ticket
 * @param issuedAtMillis when the ledger issued it, epoch milliseconds
 * @param issuerKey      the issuer's public key, X.509 SubjectPublicKeyInfo DER
 * @param signature      the issuer's Ed25519 signature, 64 bytes
 */
public record StandingTicket(String pin, long balanceBytes, long earnedBytes, long knownForMillis, long issuedAtMillis, byte[] issuerKey,
                             byte[] signature) {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** @throws IllegalArgumentException naming the bad field */
    public StandingTicket {
        if (!Receipt.isPin(pin)) {
            throw new IllegalArgumentException("a standing ticket names a key pin sha256:<43 base64url characters>");
        }
        if (issuerKey == null || issuerKey.length == 0 || signature == null || signature.length != 64) {
            throw new IllegalArgumentException("a standing ticket needs its issuer's key and a 64-byte signature");
        }
        if (earnedBytes < 0 || knownForMillis < 0) {
            throw new IllegalArgumentException("a standing ticket's earned bytes and known-for time are >= 0");
        }
    }

    /**
     * Issues a ticket as the ledger's keeper ({@code key} / {@code publicKey}, Ed25519).
     *
     * @throws IllegalStateException if the JDK cannot sign with Ed25519
     */
    public static StandingTicket issue(Standing standing, long knownForMillis, long issuedAtMillis, PrivateKey key, PublicKey publicKey) {
        return new StandingTicket(standing.pin(), standing.balanceBytes(), standing.earnedBytes(), knownForMillis, issuedAtMillis,
                publicKey.getEncoded(), Signing.ed25519(key, message(standing.pin(), standing.balanceBytes(), standing.earnedBytes(), knownForMillis,
                        issuedAtMillis)));
    }

    /** The pin of the key that signed it. */
    public String issuerPin() {
        return Receipt.pinOf(issuerKey);
    }

    /** True when the signature is {@link #issuerKey()}'s over these fields (whoever that issuer is: compare {@link #issuerPin()}). */
    public boolean verify(Receipt.Verifier verifier) {
        return verifier.verify(issuerKey, message(pin, balanceBytes, earnedBytes, knownForMillis, issuedAtMillis), signature);
    }

    /** The header form, {@code v1.<pin>.<balance>.<earned>.<knownForMillis>.<issuedAtMillis>.<issuerKey>.<signature>}. */
    public String encode() {
        return "v1." + pin + "." + balanceBytes + "." + earnedBytes + "." + knownForMillis + "." + issuedAtMillis + "." + B64.encodeToString(issuerKey)
                + "." + B64.encodeToString(signature);
    }

    /**
     * Reads {@link #encode()}'s form.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static StandingTicket parse(String text) {
        if (text == null || text.length() > 1024) {
            throw new IllegalArgumentException("a standing ticket is at most 1024 characters");
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 8 || !parts[0].equals("v1")) {
            throw new IllegalArgumentException(
                    "a standing ticket looks like v1.<pin>.<balance>.<earned>.<knownForMillis>.<issuedAtMillis>.<issuerKey>.<signature>");
        }
        try {
            return new StandingTicket(parts[1], Long.parseLong(parts[2]), Long.parseLong(parts[3]), Long.parseLong(parts[4]), Long.parseLong(parts[5]),
                    Base64.getUrlDecoder().decode(parts[6]), Base64.getUrlDecoder().decode(parts[7]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a standing ticket's balance, earned bytes and times are whole numbers: " + e.getMessage());
        }
    }

    private static byte[] message(String pin, long balanceBytes, long earnedBytes, long knownForMillis, long issuedAtMillis) {
        return String.join("\n", "privastream-standing/1", pin, Long.toString(balanceBytes), Long.toString(earnedBytes), Long.toString(knownForMillis),
                Long.toString(issuedAtMillis)).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StandingTicket t && pin.equals(t.pin) && balanceBytes == t.balanceBytes && earnedBytes == t.earnedBytes
                && knownForMillis == t.knownForMillis && issuedAtMillis == t.issuedAtMillis
                && Arrays.equals(issuerKey, t.issuerKey) && Arrays.equals(signature, t.signature);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "standing ticket(" + pin + " " + balanceBytes + " B, earned " + earnedBytes + " B, known " + knownForMillis + " ms, at " + issuedAtMillis
                + ", by " + issuerPin() + ")";
    }
}
