package io.clituner.core.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdsTest {
    @Test
    void version7LayoutWithTheTimestampInFront() {
        long millis = 1_795_000_000_123L;
        UUID id = RequestIds.next(millis);
        assertEquals(7, id.version());
        assertEquals(2, id.variant());
        assertEquals(millis, id.getMostSignificantBits() >>> 16);
        assertEquals(id, UUID.fromString(id.toString()));
    }

    @Test
    void idsSortByTimeAndDoNotRepeat() {
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            assertTrue(seen.add(RequestIds.next(1_000L)), "duplicate id");
        }
        String earlier = RequestIds.next(1_795_000_000_000L).toString();
        String later = RequestIds.next(1_795_000_000_001L).toString();
        assertTrue(earlier.compareTo(later) < 0, earlier + " should sort before " + later);
    }
}
