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
import io.clituner.provenance.registry.training.RunRecord;
import java.time.Instant;
import java.util.Map;

/**
 * The writes of one atomic unit of work. Every compare-and-set fails with a typed
 * {@code REGISTRY_CONFLICT} when another writer (in this JVM or another) got there first.
 */
public interface RegistryTransaction {
    /** @throws io.clituner.core.error.CliTunerException REGISTRY_CONFLICT when the name is taken */
    void insertModel(RegisteredModel model);

    /** @throws io.clituner.core.error.CliTunerException REGISTRY_CONFLICT on a duplicate version */
    void insertVersion(ModelVersion version);

    /** @throws io.clituner.core.error.CliTunerException LINEAGE_CYCLE when the edge would close a cycle */
    void insertLineage(LineageEdge edge);

    /** Moves a version from {@code expectedStage} at {@code expectedRevision} to {@code record.to()}. */
    ModelVersion updateStage(VersionRef ref, Stage expectedStage, long expectedRevision, PromotionRecord record);

    ModelVersion updateMetrics(VersionRef ref, long expectedRevision, Map<String, Double> metrics);

    /**
     * Points an alias at {@code to} if its latest move is still {@code expectedSequence} (0 when the
     * alias must not exist yet), and appends the move to its history.
     */
    AliasMove moveAlias(
            String model, String alias, long expectedSequence, VersionRef to, String actor, String reason, Instant at);

    void insertDataset(Dataset dataset);

    void insertPiiApproval(PiiApproval approval);

    /** @return false when a run with this digest is already stored (the same inputs were registered before) */
    boolean insertRun(String digest, RunRecord record, String registeredBy, Instant at);

    /** @return false when an identical grant already exists */
    boolean insertGrant(Grant grant);

    /** @return false when no such grant existed */
    boolean deleteGrant(Grant grant);

    void putRoute(CapabilityRoute route, String actor, Instant at);

    /** @return false when the key is already registered (to whichever caller) */
    boolean insertPrincipal(Principal principal);

    /** @return false when no principal had this key */
    boolean deletePrincipal(String keyId);

    /**
     * Records a signed request's nonce, first forgetting nonces issued before {@code forgetBefore}.
     *
     * @return false when this key already used this nonce (a replay)
     */
    boolean insertNonce(String keyId, String nonce, Instant issuedAt, Instant forgetBefore);

    /**
     * Stores a gate policy if the one in place is still at {@code policy.revision() - 1} (none for
     * revision 1); REGISTRY_CONFLICT otherwise.
     */
    void putGatePolicy(StoredGatePolicy policy);

    /** @return false when the same record is already attached to the version */
    boolean insertEvaluation(StoredEvaluation evaluation);

    /** Writes an audit event into the outbox, in this transaction. */
    void enqueueEvent(String eventJson);

    /** Removes an outboxed event once the audit sink holds it. */
    void deleteEvent(long seq);
}
