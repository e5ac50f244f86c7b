package io.clituner.provenance.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.registry.routing.CapabilityRoute;
import io.clituner.provenance.registry.routing.RouteCandidate;
import io.clituner.provenance.registry.store.RegistryStore;
import io.clituner.provenance.registry.store.RegistryStores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry contract on the default store, a SQLite file. */
class SqliteRegistryContractTest extends AbstractRegistryContractTest {
    @Override
    protected RegistryStore openStore(Path dir) {
        return RegistryStores.open("jdbc:sqlite:" + dir.resolve("db/registry.db"));
    }

    /** Rows are a trust boundary: one edited outside the registry is a STORE_IO error naming what is wrong, never a null passed on. */
    @Test
    void rowsEditedOutsideTheRegistryAreStoreErrors() throws SQLException {
        CapabilityRoute route = new CapabilityRoute(
                "code-generation",
                List.of(new RouteCandidate(TargetRef.alias("clituner-coder", "champion"), 100)),
                List.of(),
                null);
        registry.routes().defineRoute(PLATFORM, route);
        assertEquals(route, store.findRoute("code-generation").orElseThrow());

        sql("UPDATE registry_routes SET route_json = '{\"capability\":\"code-generation\",\"fallbacks\":[]}'");
        assertEquals(ErrorCode.STORE_IO, code(() -> store.findRoute("code-generation")), "a route without primaries");
        sql(
                "UPDATE registry_routes SET route_json = '{\"capability\":\"code-generation\",\"primaries\":[{\"target\":\"x@y\"}],"
                        + "\"fallbacks\":[]}'");
        assertEquals(ErrorCode.STORE_IO, code(() -> store.findRoute("code-generation")), "a primary without a weight");
        sql("UPDATE registry_routes SET route_json = 'null'");
        assertEquals(ErrorCode.STORE_IO, code(() -> store.findRoute("code-generation")), "a JSON null");

        // A queued audit event without attributes: the next change commits, moving its events to the log fails typed.
        sql(
                "INSERT INTO registry_outbox (seq, event_json) VALUES (1000000, '{\"type\":\"registry.x\",\"actor\":\"platform\","
                        + "\"time\":\"2026-11-01T09:00:00Z\"}')");
        assertEquals(ErrorCode.STORE_IO, code(() -> registry.routes().defineRoute(PLATFORM, route)));
        assertTrue(
                store.pendingEvents().stream().anyMatch(e -> e.seq() == 1000000),
                "the bad event stays queued for a person to look at");
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("db/registry.db"));
                Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }
}
