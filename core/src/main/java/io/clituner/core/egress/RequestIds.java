package io.clituner.core.egress;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids: RFC 9562 version 7 UUIDs (48-bit Unix milliseconds, then 74 random bits), so ids
 * sort by time in audit logs and provenance stores.
 *
 * <p>Why not {@code UUID.randomUUID()}: it draws from a shared {@code SecureRandom}, which locks
 * and reads the kernel's generator on every request. Request ids identify records; they are not
 * secrets or capabilities, so {@link ThreadLocalRandom} (seeded once per JVM from a secure source)
 * gives the uniqueness they need at a fraction of the cost.
 */
public final class RequestIds {
    private RequestIds() {}

    public static UUID next(long epochMillis) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16
                | 0x7000L // version 7
                | (r.nextInt() & 0x0FFFL); // rand_a, 12 bits
        long lsb = (r.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L; // IETF variant 10
        return new UUID(msb, lsb);
    }
}
