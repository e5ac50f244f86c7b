package io.clituner.core.error;

/**
 * Stable, machine-readable error codes. Append new codes; never rename or remove one, since host
 * applications switch on them and audit records store them.
 */
public enum ErrorCode {
    // ingress
    INVALID_REQUEST,
    QUERY_EMPTY,
    QUERY_TOO_SHORT,
    QUERY_TOO_LONG,
    CONTROL_CHARACTER,
    UNPAIRED_SURROGATE,
    UNSUPPORTED_SHELL,
    // output validation
    OUTPUT_EMPTY,
    OUTPUT_MULTILINE,
    OUTPUT_TOO_SHORT,
    OUTPUT_TOO_LONG,
    OUTPUT_UNPARSABLE,
    COMMAND_BLOCKED,
    NO_SUGGESTION,
    // models and engines
    MODEL_NOT_FOUND,
    MODEL_CORRUPT,
    MODEL_TRUNCATED,
    MODEL_UNSUPPORTED,
    MODEL_LOAD_FAILED,
    INFERENCE_FAILED,
    ENGINE_CLOSED,
    ENGINE_NOT_FOUND,
    EMBEDDING_FAILED,
    // configuration and policy
    CONFIGURATION,
    POLICY_INVALID,
    // provenance, keys and audit
    SIGNATURE_INVALID,
    KEY_ERROR,
    AUDIT_TAMPERED,
    AUDIT_IO,
    AUDIT_LOCKED,
    // registry
    REGISTRY_NOT_FOUND,
    REGISTRY_CONFLICT,
    REGISTRY_INVALID,
    LINEAGE_CYCLE,
    MANIFEST_MISMATCH,
    PROMOTION_REJECTED,
    ACCESS_DENIED,
    DATASET_PII_UNAPPROVED,
    STORE_IO,
    // drift
    DRIFT_CONFIG,
    // remote engines (OpenAI-compatible model servers)
    REMOTE_UNAVAILABLE,
    REMOTE_TIMEOUT,
    REMOTE_RATE_LIMITED,
    REMOTE_REFUSED,
    REMOTE_MALFORMED_RESPONSE,
    REMOTE_AUTHENTICATION,
    REMOTE_MODEL_NOT_FOUND,
    REMOTE_SERVER_ERROR,
    REMOTE_BAD_REQUEST,
    REMOTE_SATURATED
}
