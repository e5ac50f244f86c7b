package io.clituner.provenance.registry.store;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies the shared migration scripts ({@code migrations/V<n>__*.sql}) in order, each at most once,
 * recording them in {@code registry_schema}. The same scripts serve SQLite and PostgreSQL.
 */
final class Migrations {
    /** Append new scripts here; never edit one that has shipped. */
    static final List<String> SCRIPTS = List.of("V1__registry.sql", "V2__trust.sql");

    private Migrations() {}

    static int latest() {
        return SCRIPTS.size();
    }

    /**
     * @param lockSchema run inside the migration transaction before reading the applied version, so
     *                   two processes opening a fresh database apply each script once
     * @return the schema version in force afterwards
     */
    static int apply(Connection c, SqlAction lockSchema) throws SQLException {
        boolean auto = c.getAutoCommit();
        try (Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE IF NOT EXISTS registry_schema (version INTEGER PRIMARY KEY, script TEXT NOT NULL, applied_at TEXT NOT NULL)");
        } catch (SQLException e) {
            // PostgreSQL: two sessions racing on CREATE TABLE IF NOT EXISTS; the other one won
            if (!"23505".equals(e.getSQLState()) && !"42P07".equals(e.getSQLState())) {
                throw e;
            }
        }
        c.setAutoCommit(false);
        try {
            lockSchema.run(c);
            int applied;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM registry_schema")) {
                rs.next();
                applied = rs.getInt(1);
            }
            if (applied > SCRIPTS.size()) {
                throw new CliTunerException(
                        ErrorCode.CONFIGURATION,
                        "registry schema version " + applied + " is newer than this library understands ("
                                + SCRIPTS.size() + "); upgrade clituner-provenance");
            }
            for (int v = applied + 1; v <= SCRIPTS.size(); v++) {
                String script = SCRIPTS.get(v - 1);
                try (Statement s = c.createStatement()) {
                    for (String sql : statements(read(script))) {
                        s.execute(sql);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO registry_schema (version, script, applied_at) VALUES (?, ?, ?)")) {
                    ps.setInt(1, v);
                    ps.setString(2, script);
                    ps.setString(3, Instant.now().toString());
                    ps.executeUpdate();
                }
            }
            c.commit();
            return SCRIPTS.size();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    static List<String> statements(String script) {
        StringBuilder clean = new StringBuilder();
        for (String line : script.split("\n")) {
            String t = line.strip();
            if (!t.startsWith("--")) {
                clean.append(line).append('\n');
            }
        }
        List<String> out = new ArrayList<>();
        for (String stmt : clean.toString().split(";")) {
            if (!stmt.isBlank()) {
                out.add(stmt.strip());
            }
        }
        return out;
    }

    private static String read(String script) {
        try (InputStream in = Migrations.class.getResourceAsStream("migrations/" + script)) {
            if (in == null) {
                throw new CliTunerException(
                        ErrorCode.CONFIGURATION, "migration script " + script + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliTunerException(ErrorCode.STORE_IO, "cannot read migration script " + script, e);
        }
    }

    @FunctionalInterface
    interface SqlAction {
        void run(Connection c) throws SQLException;
    }
}
