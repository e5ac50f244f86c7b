package io.clituner.provenance.registry.store;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;

/**
 * The default store: one SQLite file. WAL lets readers run beside the writer; {@code synchronous=FULL}
 * makes every commit durable before it returns; write transactions start with {@code BEGIN IMMEDIATE}
 * so that two JVMs on one host take the write lock before reading what they will change, and wait
 * for each other up to the busy timeout instead of failing at once.
 */
final class SqliteRegistryStore extends JdbcRegistryStore {
    /** How long a writer waits for another process's write transaction before giving up. */
    public static final Duration BUSY_TIMEOUT = Duration.ofSeconds(15);

    private final Path file;

    private SqliteRegistryStore(Connection c, Path file) {
        super(c);
        this.file = file;
    }

    public static SqliteRegistryStore open(Path file) {
        if (file == null) {
            throw new CliTunerException(ErrorCode.CONFIGURATION, "registry database file is required");
        }
        Path abs = file.toAbsolutePath();
        try {
            if (abs.getParent() != null) {
                Files.createDirectories(abs.getParent());
            }
        } catch (IOException e) {
            throw new CliTunerException(
                    ErrorCode.STORE_IO,
                    "cannot create directory for registry database " + abs + ": " + e.getMessage(),
                    e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout((int) BUSY_TIMEOUT.toMillis());
        config.enforceForeignKeys(true);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        try {
            Connection c = config.createConnection("jdbc:sqlite:" + abs);
            return migrated(new SqliteRegistryStore(c, abs));
        } catch (SQLException e) {
            throw new CliTunerException(
                    ErrorCode.STORE_IO, "cannot open registry database " + abs + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public String description() {
        return "sqlite:" + file;
    }

    @Override
    protected void beginWrite(Connection c) {
        // TransactionMode.IMMEDIATE: the driver opens every transaction with BEGIN IMMEDIATE
    }

    @Override
    protected void lockLineage(Connection c) {
        // BEGIN IMMEDIATE already holds the database's single write lock
    }

    @Override
    protected boolean isUniqueViolation(SQLException e) {
        int code = e.getErrorCode();
        return code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY.code
                || code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE.code
                || (code == SQLiteErrorCode.SQLITE_CONSTRAINT.code
                        && String.valueOf(e.getMessage()).contains("UNIQUE"));
    }

    @Override
    protected boolean isForeignKeyViolation(SQLException e) {
        return e.getErrorCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY.code
                || (e.getErrorCode() == SQLiteErrorCode.SQLITE_CONSTRAINT.code
                        && String.valueOf(e.getMessage()).contains("FOREIGN KEY"));
    }

    @Override
    protected boolean isContention(SQLException e) {
        int code = e.getErrorCode() & 0xff; // primary result code
        return code == SQLiteErrorCode.SQLITE_BUSY.code || code == SQLiteErrorCode.SQLITE_LOCKED.code;
    }
}
