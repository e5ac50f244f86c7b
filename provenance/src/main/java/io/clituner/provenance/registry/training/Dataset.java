package io.clituner.provenance.registry.training;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.registry.Names;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A registered training or evaluation dataset, identified by the SHA-256 of its content.
 *
 * @param sourceRefs      where the data came from (URIs, commit ids)
 * @param transformations what was done to it, in order (dedupe, filter, split…)
 * @param pii             whether it holds personal data; a PII dataset needs a recorded approval
 *                        before any training run may reference it
 */
public record Dataset(
        String name,
        String sha256,
        List<String> sourceRefs,
        List<String> transformations,
        String licence,
        boolean pii,
        String registeredBy,
        Instant registeredAt) {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public Dataset {
        Names.required(name, "dataset name");
        if (sha256 == null || !HEX64.matcher(sha256).matches()) {
            throw new CliTunerException(
                    ErrorCode.REGISTRY_INVALID, "dataset " + name + ": sha256 must be 64 lower-case hex characters");
        }
        Names.required(licence, "dataset licence (an SPDX id such as CC-BY-4.0, or 'proprietary')");
        sourceRefs = List.copyOf(sourceRefs == null ? List.of() : sourceRefs);
        transformations = List.copyOf(transformations == null ? List.of() : transformations);
    }

    /** A dataset description before registration; the registry stamps who and when. */
    public static Dataset describe(
            String name,
            String sha256,
            List<String> sourceRefs,
            List<String> transformations,
            String licence,
            boolean pii) {
        return new Dataset(name, sha256, sourceRefs, transformations, licence, pii, "unregistered", Instant.EPOCH);
    }

    public Dataset registered(String by, Instant at) {
        return new Dataset(name, sha256, sourceRefs, transformations, licence, pii, by, at);
    }
}
