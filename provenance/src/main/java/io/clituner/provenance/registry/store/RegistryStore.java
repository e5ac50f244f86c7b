package io.clituner.provenance.registry.store;

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
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * SPI: where the registry keeps its state. Implementations are found with {@link RegistryStores}
 * (ServiceLoader over {@link RegistryStoreProvider}); the default is SQLite, PostgreSQL is the other.
 * Both share one schema and migration set. Blobs never live here: artifacts stay files named by
 * digest; the store holds their manifests.
 */
public interface RegistryStore extends AutoCloseable {
    /** e.g. {@code sqlite:/var/lib/app/registry.db}; never contains a password. */
    String description();

    /**
     * Runs {@code work} as one atomic transaction: all of its writes commit, or none do (an exception
     * from {@code work} rolls everything back and propagates).
     */
    <T> T transaction(Function<RegistryTransaction, T> work);

    Optional<RegisteredModel> findModel(String name);

    List<RegisteredModel> listModels();

    Optional<ModelVersion> findVersion(VersionRef ref);

    /** Versions of one model, lowest semantic version first. */
    List<ModelVersion> listVersions(String model);

    List<LineageEdge> parents(VersionRef child);

    List<LineageEdge> children(VersionRef parent);

    Optional<AliasState> findAlias(String model, String alias);

    List<AliasState> aliases(String model);

    /** Every move of an alias, oldest first. */
    List<AliasMove> aliasHistory(String model, String alias);

    List<PromotionRecord> promotions(VersionRef ref);

    Optional<Dataset> findDataset(String sha256);

    List<PiiApproval> piiApprovals(String sha256);

    Optional<StoredRun> findRun(String digest);

    List<Grant> grantsFor(String serviceId);

    List<Grant> listGrants();

    Optional<CapabilityRoute> findRoute(String capability);

    List<CapabilityRoute> listRoutes();

    /** The principal a key id names, if the registry knows that key. */
    Optional<Principal> findPrincipal(String keyId);

    List<Principal> listPrincipals();

    /** The gate policy stored for one scope (a model name, or {@code "*"} for the registry default) and stage. */
    Optional<StoredGatePolicy> findGatePolicy(String scope, Stage stage);

    List<StoredGatePolicy> listGatePolicies();

    /** Signed evaluation records attached to a version, oldest first. */
    List<StoredEvaluation> evaluations(VersionRef ref);

    /** Audit events of committed changes not yet moved to the audit sink, oldest first. */
    List<PendingEvent> pendingEvents();

    @Override
    void close();
}
