package io.clituner.provenance.registry;

import io.clituner.provenance.registry.store.RegistryStore;
import io.clituner.provenance.registry.store.RegistryStores;
import java.nio.file.Path;

/** The registry contract on the default store, a SQLite file. */
class SqliteRegistryContractTest extends AbstractRegistryContractTest {
    @Override
    protected RegistryStore openStore(Path dir) {
        return RegistryStores.open("jdbc:sqlite:" + dir.resolve("db/registry.db"));
    }
}
