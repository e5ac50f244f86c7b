package io.clituner.core.internal.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ProvenanceFactoryTest {
    private static final byte[] SALT = "deployment-salt".getBytes(StandardCharsets.UTF_8);

    private static String expected(byte[] salt, String user) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(salt);
        md.update(user.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void userHashIsSha256OfSaltThenUtf8Id() throws Exception {
        ProvenanceFactory f = new ProvenanceFactory(Clock.systemUTC(), SALT);
        for (String user : new String[] {"alice", "bob@example.org", "Ünïcødé-用户", ""}) {
            assertEquals(expected(SALT, user), f.userHash(user), user);
            assertEquals(f.userHash(user), f.userHash(user), "stable within a deployment");
        }
        assertNull(f.userHash(null));
    }

    @Test
    void anotherSaltGivesAnotherHash() {
        ProvenanceFactory a = new ProvenanceFactory(Clock.systemUTC(), SALT);
        ProvenanceFactory b = new ProvenanceFactory(Clock.systemUTC(), "other".getBytes(StandardCharsets.UTF_8));
        assertNotEquals(a.userHash("alice"), b.userHash("alice"));
    }
}
