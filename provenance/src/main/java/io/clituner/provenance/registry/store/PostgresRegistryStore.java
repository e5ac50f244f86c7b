package io.clituner.provenance.registry.store;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * PostgreSQL store for teams that outgrow one machine. Same schema and migrations as SQLite.
 * Transactions run at READ COMMITTED under one registry-wide write lock; stale writers still fail
 * on the compare-and-set updates (zero rows updated → REGISTRY_CONFLICT).
 */
final class PostgresRegistryStore extends JdbcRegistryStore {
    private final String description;

    private PostgresRegistryStore(Connection c, String description) {
        super(c);
        this.description = description;
    }

    public static PostgresRegistryStore open(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new CliTunerException(
                    ErrorCode.CONFIGURATION,
                    "not a PostgreSQL JDBC URL: expected jdbc:postgresql://HOST:PORT/DB?user=…");
        }
        String shown = jdbcUrl.replaceAll("(?i)password=[^&]*", "password=***");
        try {
            Connection c = DriverManager.getConnection(jdbcUrl);
            return migrated(new PostgresRegistryStore(c, shown.replaceFirst("^jdbc:", "")));
        } catch (SQLException e) {
            throw new CliTunerException(
                    ErrorCode.STORE_IO, "cannot connect to registry database " + shown + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String description() {
        return description;
    }

    /**
     * The registry's write lock, taken first in every write transaction: it serializes writers across
     * processes the way SQLite's BEGIN IMMEDIATE does, so read-then-write steps (sequence numbers,
     * alias moves) cannot interleave. Registry writes are rare (promotions, grants); readers never wait.
     */
    @Override
    protected void beginWrite(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("LOCK TABLE registry_schema IN SHARE ROW EXCLUSIVE MODE");
        }
    }

    @Override
    protected void lockLineage(Connection c) {
        // the write lock taken in beginWrite already keeps concurrent edges apart
    }

    @Override
    protected boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    @Override
    protected boolean isForeignKeyViolation(SQLException e) {
        return "23503".equals(e.getSQLState());
    }

    @Override
    protected boolean isContention(SQLException e) {
        String s = e.getSQLState();
        return "40001".equals(s) || "40P01".equals(s) || "55P03".equals(s);
    }
}
