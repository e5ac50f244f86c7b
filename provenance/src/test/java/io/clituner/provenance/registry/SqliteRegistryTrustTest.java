package io.clituner.provenance.registry;

import io.clituner.provenance.registry.store.RegistryStore;
import io.clituner.provenance.registry.store.RegistryStores;
import java.nio.file.Path;

/** {@link RegistryTrustTest} on the default store, a SQLite file. */
class SqliteRegistryTrustTest extends RegistryTrustTest {
    @Override
    RegistryStore openStore(Path dir) {
        return RegistryStores.sqlite(dir.resolve("reg.db"));
    }
}
