package io.clituner.provenance.audit;

import io.clituner.core.hash.Digests;
import java.security.MessageDigest;

/** The two hash functions of an RFC 6962 Merkle tree; the 0x00/0x01 prefixes keep leaves and nodes apart. */
public final class Rfc6962 {
    public static final int HASH_SIZE = 32;
    /** MessageDigest.getInstance costs a provider lookup; a log verification hashes millions of nodes. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Digests::sha256);

    private Rfc6962() {}

    /** {@code SHA-256(0x00 ‖ entry)}. */
    public static byte[] leafHash(byte[] entry) {
        return leafHash(entry, 0, entry.length);
    }

    public static byte[] leafHash(byte[] buf, int off, int len) {
        MessageDigest md = SHA256.get();
        md.update((byte) 0);
        md.update(buf, off, len);
        return md.digest();
    }

    /** {@code SHA-256(0x01 ‖ left ‖ right)}. */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest md = SHA256.get();
        md.update((byte) 1);
        md.update(left);
        md.update(right);
        return md.digest();
    }

    /** Root of the empty tree: SHA-256 of the empty string. */
    public static byte[] emptyRoot() {
        return Digests.sha256().digest();
    }
}
