package io.clituner.provenance.registry.store;

import java.nio.file.Path;

/** ServiceLoader entry for {@code jdbc:sqlite:FILE}. */
public final class SqliteStoreProvider implements RegistryStoreProvider {
    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public boolean accepts(String jdbcUrl) {
        return jdbcUrl != null && jdbcUrl.startsWith("jdbc:sqlite:") && jdbcUrl.length() > "jdbc:sqlite:".length();
    }

    @Override
    public RegistryStore open(String jdbcUrl) {
        return SqliteRegistryStore.open(Path.of(jdbcUrl.substring("jdbc:sqlite:".length())));
    }
}
