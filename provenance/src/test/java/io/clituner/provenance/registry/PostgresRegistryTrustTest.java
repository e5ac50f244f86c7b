package io.clituner.provenance.registry;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clituner.provenance.registry.store.RegistryStore;
import io.clituner.provenance.registry.store.RegistryStores;
import java.nio.file.Path;

/** {@link RegistryTrustTest} on PostgreSQL; skipped with a message unless {@code CLITUNER_PG_URL} is set. */
class PostgresRegistryTrustTest extends RegistryTrustTest {
    @Override
    RegistryStore openStore(Path dir) throws Exception {
        assumeTrue(
                PostgresRegistryContractTest.URL != null && !PostgresRegistryContractTest.URL.isBlank(),
                "CLITUNER_PG_URL is not set; run eval \"$(bash .ci/start-postgres.sh)\" to run the PostgreSQL registry tests");
        PostgresRegistryContractTest.resetSchema();
        return RegistryStores.open(PostgresRegistryContractTest.URL);
    }
}
