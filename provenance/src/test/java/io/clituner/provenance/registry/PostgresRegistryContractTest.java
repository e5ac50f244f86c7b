package io.clituner.provenance.registry;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clituner.provenance.registry.store.RegistryStore;
import io.clituner.provenance.registry.store.RegistryStores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * The registry contract on PostgreSQL. Needs {@code CLITUNER_PG_URL}
 * ({@code eval "$(bash .ci/start-postgres.sh)"} sets it); skipped otherwise. Each test starts from
 * an empty schema, so point it at a database used only for tests.
 */
class PostgresRegistryContractTest extends AbstractRegistryContractTest {
    static final String URL = System.getenv("CLITUNER_PG_URL");

    @Override
    protected RegistryStore openStore(Path dir) throws Exception {
        assumeTrue(
                URL != null && !URL.isBlank(),
                "CLITUNER_PG_URL is not set; run eval \"$(bash .ci/start-postgres.sh)\" to run the PostgreSQL registry tests");
        resetSchema();
        return RegistryStores.open(URL);
    }

    static void resetSchema() throws Exception {
        try (Connection c = DriverManager.getConnection(URL);
                Statement s = c.createStatement()) {
            for (String t : new String[] {
                "registry_lineage",
                "registry_promotions",
                "registry_alias_history",
                "registry_aliases",
                "registry_versions",
                "registry_models",
                "registry_pii_approvals",
                "registry_datasets",
                "registry_runs",
                "registry_grants",
                "registry_routes",
                "registry_principals",
                "registry_nonces",
                "registry_gate_policies",
                "registry_evaluations",
                "registry_outbox",
                "registry_schema"
            }) {
                s.execute("DROP TABLE IF EXISTS " + t + " CASCADE");
            }
        }
    }
}
