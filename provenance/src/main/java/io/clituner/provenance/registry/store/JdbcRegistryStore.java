package io.clituner.provenance.registry.store;

import io.clituner.core.SignedEnvelope;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.registry.AliasMove;
import io.clituner.provenance.registry.LineageEdge;
import io.clituner.provenance.registry.ModelVersion;
import io.clituner.provenance.registry.RegisteredModel;
import io.clituner.provenance.registry.Stage;
import io.clituner.provenance.registry.VersionRef;
import io.clituner.provenance.registry.access.Grant;
import io.clituner.provenance.registry.gate.PromotionRecord;
import io.clituner.provenance.registry.gate.StoredEvaluation;
import io.clituner.provenance.registry.identity.Principal;
import io.clituner.provenance.registry.policy.StoredGatePolicy;
import io.clituner.provenance.registry.routing.CapabilityRoute;
import io.clituner.provenance.registry.training.Dataset;
import io.clituner.provenance.registry.training.PiiApproval;
import io.clituner.provenance.registry.training.RunRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The SQL both stores share: one connection, serialized by a lock within the JVM; across JVMs,
 * write transactions are serialized by the database (SQLite {@code BEGIN IMMEDIATE}, PostgreSQL row
 * and table locks) and every update of a mutable row is a compare-and-set on its revision, so a
 * writer that acted on stale state gets {@code REGISTRY_CONFLICT} instead of overwriting.
 */
abstract class JdbcRegistryStore implements RegistryStore {
    static final String VERSION_COLUMNS =
            "model, version, stage, created_by, created_at, source, root_digest, manifest_json, "
                    + "envelope_json, metrics_json, capabilities_json, serving_json, run_digest, revision";

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;

    JdbcRegistryStore(Connection connection) {
        this.connection = connection;
    }

    /** Dialect: called at the start of a write transaction, before anything is read. */
    protected abstract void beginWrite(Connection c) throws SQLException;

    /** Dialect: serialize lineage writers so two concurrent edges cannot close a cycle together. */
    protected abstract void lockLineage(Connection c) throws SQLException;

    protected abstract boolean isUniqueViolation(SQLException e);

    protected abstract boolean isForeignKeyViolation(SQLException e);

    /** Dialect: the database refused because another writer held a lock too long, or a serialization failure. */
    protected abstract boolean isContention(SQLException e);

    /** The one connection; used only under the store's lock. */
    Connection connection() {
        return connection;
    }

    protected void migrate() {
        locked(() -> Migrations.apply(connection, this::beginWrite));
    }

    /** A freshly opened store with its schema migrated; closed (and the failure rethrown) when migrating fails. */
    static <S extends JdbcRegistryStore> S migrated(S store) {
        try {
            store.migrate();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    // ---------------------------------------------------------------- transactions

    @Override
    public <T> T transaction(Function<RegistryTransaction, T> work) {
        return locked(() -> {
            connection.setAutoCommit(false);
            try {
                beginWrite(connection);
                T result = work.apply(new JdbcTransaction(this));
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(e);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        });
    }

    private void rollbackQuietly(Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    long nextSeq(String sql, @Nullable Object... args) {
        return sql(() -> {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    // ---------------------------------------------------------------- reads

    @Override
    public Optional<RegisteredModel> findModel(String name) {
        return one(
                "SELECT name, description, created_by, created_at FROM registry_models WHERE name = ?",
                RegistryRows::model,
                name);
    }

    @Override
    public List<RegisteredModel> listModels() {
        return many(
                "SELECT name, description, created_by, created_at FROM registry_models ORDER BY name",
                RegistryRows::model);
    }

    @Override
    public Optional<ModelVersion> findVersion(VersionRef ref) {
        return one(
                "SELECT " + VERSION_COLUMNS + " FROM registry_versions WHERE model = ? AND version = ?",
                RegistryRows::version,
                ref.model(),
                ref.version().toString());
    }

    @Override
    public List<ModelVersion> listVersions(String model) {
        List<ModelVersion> out = new ArrayList<>(many(
                "SELECT " + VERSION_COLUMNS + " FROM registry_versions WHERE model = ?", RegistryRows::version, model));
        out.sort(Comparator.comparing(v -> v.ref().version()));
        return out;
    }

    @Override
    public List<LineageEdge> parents(VersionRef child) {
        return many(
                "SELECT child_model, child_version, parent_model, parent_version, method, details_json FROM registry_lineage"
                        + " WHERE child_model = ? AND child_version = ? ORDER BY parent_model, parent_version",
                RegistryRows::edge,
                child.model(),
                child.version().toString());
    }

    @Override
    public List<LineageEdge> children(VersionRef parent) {
        return many(
                "SELECT child_model, child_version, parent_model, parent_version, method, details_json FROM registry_lineage"
                        + " WHERE parent_model = ? AND parent_version = ? ORDER BY child_model, child_version",
                RegistryRows::edge,
                parent.model(),
                parent.version().toString());
    }

    @Override
    public Optional<AliasState> findAlias(String model, String alias) {
        return one(
                "SELECT model, alias, version, seq FROM registry_aliases WHERE model = ? AND alias = ?",
                RegistryRows::alias,
                model,
                alias);
    }

    @Override
    public List<AliasState> aliases(String model) {
        return many(
                "SELECT model, alias, version, seq FROM registry_aliases WHERE model = ? ORDER BY alias",
                RegistryRows::alias,
                model);
    }

    @Override
    public List<AliasMove> aliasHistory(String model, String alias) {
        return many(
                "SELECT model, alias, seq, from_version, to_version, actor, reason, at FROM registry_alias_history"
                        + " WHERE model = ? AND alias = ? ORDER BY seq",
                rs -> new AliasMove(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getLong(3),
                        rs.getString(4) == null ? null : VersionRef.of(rs.getString(1), rs.getString(4)),
                        VersionRef.of(rs.getString(1), rs.getString(5)),
                        rs.getString(6),
                        rs.getString(7),
                        Instant.parse(rs.getString(8))),
                model,
                alias);
    }

    @Override
    public List<PromotionRecord> promotions(VersionRef ref) {
        return many(
                "SELECT from_stage, to_stage, actor, at, gates_json FROM registry_promotions WHERE model = ? AND version = ? ORDER BY seq",
                rs -> new PromotionRecord(
                        ref,
                        Stage.valueOf(rs.getString(1)),
                        Stage.valueOf(rs.getString(2)),
                        rs.getString(3),
                        Instant.parse(rs.getString(4)),
                        RegistryRows.parse(rs.getString(5), RegistryRows.GATES)),
                ref.model(),
                ref.version().toString());
    }

    @Override
    public Optional<Dataset> findDataset(String sha256) {
        return one(
                "SELECT name, sha256, sources_json, transformations_json, licence, pii, registered_by, registered_at FROM registry_datasets WHERE sha256 = ?",
                rs -> new Dataset(
                        rs.getString(1),
                        rs.getString(2),
                        RegistryRows.parse(rs.getString(3), RegistryRows.LIST),
                        RegistryRows.parse(rs.getString(4), RegistryRows.LIST),
                        rs.getString(5),
                        rs.getInt(6) != 0,
                        rs.getString(7),
                        Instant.parse(rs.getString(8))),
                sha256);
    }

    @Override
    public List<PiiApproval> piiApprovals(String sha256) {
        return many(
                "SELECT sha256, approver, reason, at FROM registry_pii_approvals WHERE sha256 = ? ORDER BY at, approver",
                rs -> new PiiApproval(
                        rs.getString(1), rs.getString(2), rs.getString(3), Instant.parse(rs.getString(4))),
                sha256);
    }

    @Override
    public Optional<StoredRun> findRun(String digest) {
        return one(
                "SELECT digest, record_json, registered_by, registered_at FROM registry_runs WHERE digest = ?",
                rs -> new StoredRun(
                        rs.getString(1),
                        RegistryRows.parse(rs.getString(2), RunRecord.class),
                        rs.getString(3),
                        Instant.parse(rs.getString(4))),
                digest);
    }

    @Override
    public List<Grant> grantsFor(String serviceId) {
        return many(
                "SELECT service_id, agent_id, target, permission, granted_by, granted_at FROM registry_grants WHERE service_id = ?",
                RegistryRows::grant,
                serviceId);
    }

    @Override
    public List<Grant> listGrants() {
        return many(
                "SELECT service_id, agent_id, target, permission, granted_by, granted_at FROM registry_grants ORDER BY service_id, agent_id, target, permission",
                RegistryRows::grant);
    }

    @Override
    public Optional<CapabilityRoute> findRoute(String capability) {
        return one(
                "SELECT route_json FROM registry_routes WHERE capability = ?",
                rs -> RegistryRows.route(rs.getString(1)),
                capability);
    }

    @Override
    public List<CapabilityRoute> listRoutes() {
        return many(
                "SELECT route_json FROM registry_routes ORDER BY capability",
                rs -> RegistryRows.route(rs.getString(1)));
    }

    @Override
    public Optional<Principal> findPrincipal(String keyId) {
        return one(
                "SELECT service_id, agent_id, public_key_pem, added_by, added_at FROM registry_principals WHERE key_id = ?",
                RegistryRows::principal,
                keyId);
    }

    @Override
    public List<Principal> listPrincipals() {
        return many(
                "SELECT service_id, agent_id, public_key_pem, added_by, added_at FROM registry_principals ORDER BY service_id, agent_id, key_id",
                RegistryRows::principal);
    }

    @Override
    public Optional<StoredGatePolicy> findGatePolicy(String scope, Stage stage) {
        return one(
                "SELECT scope, stage, policy_json, envelope_json, revision, updated_by, updated_at FROM registry_gate_policies WHERE scope = ? AND stage = ?",
                RegistryRows::gatePolicy,
                scope,
                stage.name());
    }

    @Override
    public List<StoredGatePolicy> listGatePolicies() {
        return many(
                "SELECT scope, stage, policy_json, envelope_json, revision, updated_by, updated_at FROM registry_gate_policies ORDER BY scope, stage",
                RegistryRows::gatePolicy);
    }

    @Override
    public List<StoredEvaluation> evaluations(VersionRef ref) {
        return many(
                "SELECT digest, envelope_json, recorded_by, recorded_at FROM registry_evaluations WHERE model = ? AND version = ? ORDER BY recorded_at, digest",
                rs -> new StoredEvaluation(
                        ref,
                        rs.getString(1),
                        RegistryRows.parse(rs.getString(2), SignedEnvelope.class),
                        rs.getString(3),
                        Instant.parse(rs.getString(4))),
                ref.model(),
                ref.version().toString());
    }

    @Override
    public List<PendingEvent> pendingEvents() {
        return many(
                "SELECT seq, event_json FROM registry_outbox ORDER BY seq",
                rs -> new PendingEvent(rs.getLong(1), rs.getString(2)));
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                connection.close();
            }
        } catch (SQLException e) {
            throw new CliTunerException(
                    ErrorCode.STORE_IO, "closing registry store " + description() + " failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- JDBC plumbing

    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run() throws SQLException;
    }

    private <T> Optional<T> one(String sql, Row<T> row, @Nullable Object... args) {
        List<T> all = many(sql, row, args);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    <T> List<T> many(String sql, Row<T> row, @Nullable Object... args) {
        return locked(() -> {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    List<T> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(row.map(rs));
                    }
                    return out;
                }
            }
        });
    }

    void update(String sql, String conflictMessage, @Nullable Object... args) {
        try {
            sqlRaw(() -> {
                try (PreparedStatement ps = connection.prepareStatement(sql)) {
                    bind(ps, args);
                    return ps.executeUpdate();
                }
            });
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                throw new CliTunerException(ErrorCode.REGISTRY_CONFLICT, conflictMessage, e);
            }
            if (isForeignKeyViolation(e)) {
                throw new CliTunerException(
                        ErrorCode.REGISTRY_NOT_FOUND,
                        "a referenced model, version or dataset does not exist (" + e.getMessage() + ")",
                        e);
            }
            throw translate(e);
        }
    }

    int updateCount(String sql, @Nullable Object... args) {
        return sql(() -> {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                bind(ps, args);
                return ps.executeUpdate();
            }
        });
    }

    <T> T sql(SqlWork<T> work) {
        try {
            return sqlRaw(work);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    private <T> T sqlRaw(SqlWork<T> work) throws SQLException {
        lock.lock();
        try {
            ensureOpen();
            return work.run();
        } finally {
            lock.unlock();
        }
    }

    private <T> T locked(SqlWork<T> work) {
        lock.lock();
        try {
            ensureOpen();
            return work.run();
        } catch (SQLException e) {
            throw translate(e);
        } finally {
            lock.unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new CliTunerException(ErrorCode.STORE_IO, "registry store " + description() + " is closed");
        }
    }

    private CliTunerException translate(SQLException e) {
        if (isContention(e)) {
            return new CliTunerException(
                    ErrorCode.REGISTRY_CONFLICT,
                    "another writer holds the registry " + description() + " (" + e.getMessage() + "); retry",
                    e);
        }
        return new CliTunerException(
                ErrorCode.STORE_IO, "registry store " + description() + " failed: " + e.getMessage(), e);
    }

    static void bind(PreparedStatement ps, @Nullable Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) {
                ps.setNull(i + 1, java.sql.Types.VARCHAR);
            } else if (a instanceof Long l) {
                ps.setLong(i + 1, l);
            } else if (a instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else {
                ps.setString(i + 1, a.toString());
            }
        }
    }

    static CliTunerException notFound(VersionRef ref) {
        return new CliTunerException(ErrorCode.REGISTRY_NOT_FOUND, "no version " + ref + " in the registry");
    }
}
