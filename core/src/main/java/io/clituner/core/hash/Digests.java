package io.clituner.core.hash;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers; every hash in provenance is lower-case hex SHA-256. */
public final class Digests {
    private static final HexFormat HEX = HexFormat.of();
    /**
     * One digest per thread: {@code MessageDigest.getInstance} walks the provider list on every
     * call, which is measurable on the per-request path. {@code digest()} resets it for reuse.
     */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Digests::sha256);

    private Digests() {}

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JRE", e);
        }
    }

    public static String sha256Hex(byte[] data) {
        MessageDigest md = SHA256.get();
        md.reset();
        return HEX.formatHex(md.digest(data));
    }

    /** SHA-256 of {@code prefix} followed by the UTF-8 bytes of {@code text} (a salted hash), on the per-thread digest. */
    public static String sha256Hex(byte[] prefix, String text) {
        MessageDigest md = SHA256.get();
        md.reset();
        md.update(prefix);
        return HEX.formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Streams a file through SHA-256 (1 MiB buffer); never loads it whole. */
    public static String sha256Hex(Path file) throws IOException {
        MessageDigest md = sha256();
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HEX.formatHex(md.digest());
    }

    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
