package io.clituner.provenance.registry.store;

/** SPI for {@link java.util.ServiceLoader}: opens a {@link RegistryStore} for the JDBC URLs it accepts. */
public interface RegistryStoreProvider {
    /** e.g. "sqlite", "postgresql" */
    String name();

    boolean accepts(String jdbcUrl);

    RegistryStore open(String jdbcUrl);
}
