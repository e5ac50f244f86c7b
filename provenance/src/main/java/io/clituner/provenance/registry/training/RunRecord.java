package io.clituner.provenance.registry.training;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.hash.Digests;
import io.clituner.provenance.crypto.CanonicalJson;
import io.clituner.provenance.registry.Names;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The reproducibility record of a training run: everything needed to run it again. Its digest is
 * SHA-256 over the RFC 8785 canonical JSON of the record, so the same inputs registered twice (in
 * any map or list order) give the same digest and the registry stores it once.
 *
 * @param codeRef         source revision of the training code (e.g. a git commit URL)
 * @param environment     container digest, or JDK/OS/library versions
 * @param datasetDigests  SHA-256 of every dataset the run read (order does not matter)
 * @param hyperparameters learning rate, epochs, LoRA rank… as strings, exactly as configured
 */
public record RunRecord(
        String codeRef,
        Map<String, String> environment,
        long seed,
        List<String> datasetDigests,
        Map<String, String> hyperparameters) {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public RunRecord {
        Names.required(codeRef, "run code reference");
        if (environment == null || environment.isEmpty()) {
            throw new CliTunerException(
                    ErrorCode.REGISTRY_INVALID,
                    "run environment is required (container digest or JDK/OS/library versions)");
        }
        if (datasetDigests == null || datasetDigests.isEmpty()) {
            throw new CliTunerException(
                    ErrorCode.REGISTRY_INVALID, "a training run must name the digests of the datasets it used");
        }
        for (String d : datasetDigests) {
            if (d == null || !HEX64.matcher(d).matches()) {
                throw new CliTunerException(
                        ErrorCode.REGISTRY_INVALID, "dataset digest '" + d + "' is not lower-case hex SHA-256");
            }
        }
        if (Math.abs(seed) > (1L << 53)) {
            throw new CliTunerException(
                    ErrorCode.REGISTRY_INVALID,
                    "seed " + seed
                            + " is outside ±2^53; canonical JSON numbers are IEEE doubles, so such a seed would not round-trip");
        }
        environment = java.util.Collections.unmodifiableMap(new TreeMap<>(environment));
        datasetDigests = List.copyOf(new TreeSet<>(datasetDigests));
        hyperparameters = java.util.Collections.unmodifiableMap(
                new TreeMap<>(hyperparameters == null ? Map.of() : hyperparameters));
    }

    /** The canonical JSON bytes the digest is taken over. */
    public byte[] canonicalBytes() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("codeRef", codeRef);
        doc.put("datasetDigests", datasetDigests);
        doc.put("environment", environment);
        doc.put("hyperparameters", hyperparameters);
        doc.put("seed", seed);
        return CanonicalJson.write(doc);
    }

    public String digest() {
        return Digests.sha256Hex(canonicalBytes());
    }
}
