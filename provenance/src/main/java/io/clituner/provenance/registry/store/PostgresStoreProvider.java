package io.clituner.provenance.registry.store;

/** ServiceLoader entry for {@code jdbc:postgresql://…}. */
public final class PostgresStoreProvider implements RegistryStoreProvider {
    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public boolean accepts(String jdbcUrl) {
        return jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:");
    }

    @Override
    public RegistryStore open(String jdbcUrl) {
        return PostgresRegistryStore.open(jdbcUrl);
    }
}
