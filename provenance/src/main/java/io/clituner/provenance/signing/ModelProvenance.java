package io.clituner.provenance.signing;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import java.time.Instant;

/**
 * Where a model came from: enough to rebuild it or to refuse it.
 *
 * @param name               model name (the statement subject's name)
 * @param sha256             SHA-256 of the model file (the subject's digest)
 * @param baseModel          the model it was fine-tuned from (name or digest)
 * @param trainingDataSha256 SHA-256 of the training data (manifest) used
 * @param configSha256       SHA-256 of the training configuration
 * @param codeRef            source revision of the training code (e.g. a git commit)
 * @param runId              training run id
 * @param createdAt          when the model was produced
 */
public record ModelProvenance(
        String name,
        String sha256,
        String baseModel,
        String trainingDataSha256,
        String configSha256,
        String codeRef,
        String runId,
        Instant createdAt) {
    public ModelProvenance {
        Hex.required("model name", name);
        Hex.sha256("model sha256", sha256);
        Hex.required("base model", baseModel);
        Hex.sha256("training data sha256", trainingDataSha256);
        Hex.sha256("config sha256", configSha256);
        Hex.required("code ref", codeRef);
        Hex.required("run id", runId);
        if (createdAt == null) {
            throw new CliTunerException(ErrorCode.INVALID_REQUEST, "model provenance needs createdAt");
        }
    }
}
