package io.clituner.provenance.evaluation;

import java.util.List;

/**
 * An evaluation record whose signature verified.
 *
 * @param record the signed record
 * @param keyIds ids of the trusted keys whose signatures verified
 */
public record VerifiedEvaluation(EvaluationRecord record, List<String> keyIds) {
    public VerifiedEvaluation {
        keyIds = List.copyOf(keyIds);
    }
}
