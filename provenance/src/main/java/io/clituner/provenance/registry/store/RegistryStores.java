package io.clituner.provenance.registry.store;

import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds a {@link RegistryStoreProvider} for a JDBC URL. */
public final class RegistryStores {
    private RegistryStores() {}

    /** The default store: SQLite in one file (created with its directory if absent). */
    public static RegistryStore sqlite(Path file) {
        return SqliteRegistryStore.open(file);
    }

    public static RegistryStore open(String jdbcUrl) {
        List<String> names = new ArrayList<>();
        for (RegistryStoreProvider p :
                ServiceLoader.load(RegistryStoreProvider.class, RegistryStores.class.getClassLoader())) {
            if (p.accepts(jdbcUrl)) {
                return p.open(jdbcUrl);
            }
            names.add(p.name());
        }
        String shown = jdbcUrl == null ? "null" : jdbcUrl.replaceAll("password=[^&]*", "password=***");
        throw new ConfigurationException(
                ErrorCode.CONFIGURATION,
                "no registry store accepts '" + shown + "'; available: " + names
                        + " (use jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB)");
    }
}
