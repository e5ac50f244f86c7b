package io.clituner.provenance.registry.facade;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.registry.Names;
import io.clituner.provenance.registry.TargetRef;
import io.clituner.provenance.registry.access.Caller;
import io.clituner.provenance.registry.access.Permission;
import io.clituner.provenance.registry.store.StoredRun;
import io.clituner.provenance.registry.training.Dataset;
import io.clituner.provenance.registry.training.PiiApproval;
import io.clituner.provenance.registry.training.RunRecord;
import java.util.Optional;

/** Datasets (with PII approval) and the reproducibility records of the runs that made versions. */
public final class Training extends RegistryFacade {
    Training(Parts parts) {
        super(parts);
    }

    public Dataset registerDataset(Caller actor, Dataset dataset) {
        access.require(actor, Permission.ADMIN, null, null);
        Dataset d = dataset.registered(actor.toString(), clock.instant());
        write(tx -> {
            tx.insertDataset(d);
            audit.append(
                    tx,
                    "dataset.register",
                    actor,
                    "dataset",
                    d.name(),
                    "sha256",
                    d.sha256(),
                    "licence",
                    d.licence(),
                    "pii",
                    Boolean.toString(d.pii()));
            return null;
        });
        return d;
    }

    /** Records that a PII dataset may be used for training; only registry administrators decide this. */
    public PiiApproval approvePii(Caller actor, String sha256, String reason) {
        access.require(actor, Permission.ADMIN, null, null);
        Dataset d = store.findDataset(sha256)
                .orElseThrow(
                        () -> new CliTunerException(ErrorCode.REGISTRY_NOT_FOUND, "no dataset with sha256 " + sha256));
        if (!d.pii()) {
            throw new CliTunerException(
                    ErrorCode.REGISTRY_INVALID,
                    "dataset " + d.name() + " is not flagged PII; there is nothing to approve");
        }
        PiiApproval a =
                new PiiApproval(sha256, actor.toString(), Names.required(reason, "approval reason"), clock.instant());
        write(tx -> {
            tx.insertPiiApproval(a);
            audit.append(tx, "dataset.pii_approve", actor, "sha256", sha256, "reason", reason);
            return null;
        });
        return a;
    }

    public Optional<Dataset> dataset(Caller caller, String sha256) {
        access.require(caller, Permission.READ, null, null);
        return store.findDataset(sha256);
    }

    /**
     * Stores a run's reproducibility record and returns its digest; registering the same inputs again
     * returns the same digest and stores nothing new. Every dataset must be registered, and a PII
     * dataset must have an approval.
     */
    public String recordRun(Caller actor, String forModel, RunRecord run) {
        access.require(actor, Permission.ADMIN, TargetRef.model(Names.model(forModel)), null);
        for (String digest : run.datasetDigests()) {
            Dataset d = store.findDataset(digest)
                    .orElseThrow(() -> new CliTunerException(
                            ErrorCode.REGISTRY_NOT_FOUND,
                            "run uses dataset " + digest + ", which is not registered; register it first"));
            if (d.pii() && store.piiApprovals(digest).isEmpty()) {
                throw new CliTunerException(
                        ErrorCode.DATASET_PII_UNAPPROVED,
                        "dataset " + d.name() + " (" + digest
                                + ") is flagged PII and has no recorded approval; a registry administrator must approve it before training uses it");
            }
        }
        String digest = run.digest();
        write(tx -> {
            boolean inserted = tx.insertRun(digest, run, actor.toString(), clock.instant());
            audit.append(
                    tx, "run.record", actor, "digest", digest, "model", forModel, "new", Boolean.toString(inserted));
            return null;
        });
        return digest;
    }

    public Optional<StoredRun> run(Caller caller, String digest) {
        access.require(caller, Permission.READ, null, null);
        return store.findRun(digest);
    }
}
