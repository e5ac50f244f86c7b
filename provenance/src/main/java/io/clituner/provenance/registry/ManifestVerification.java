package io.clituner.provenance.registry;

import java.util.List;

/** A successful check of a version's files: every file re-hashed matches its signed digest. */
public record ManifestVerification(
        VersionRef version, String rootDigest, int files, long bytes, List<String> signerKeyIds) {
    public ManifestVerification {
        signerKeyIds = List.copyOf(signerKeyIds);
    }
}
