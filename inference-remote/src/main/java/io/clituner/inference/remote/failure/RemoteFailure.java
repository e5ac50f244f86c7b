package io.clituner.inference.remote.failure;

import io.clituner.core.error.ErrorCode;

/**
 * Why a call to a model server failed, with whether trying the same server again can help. Only
 * retriable kinds are retried (with backoff); the others fail at once, and routing may still send
 * the request to another endpoint.
 */
public enum RemoteFailure {
    /** Connection refused or reset, server stopped mid-response, DNS failure, 502/503/504. */
    UNAVAILABLE(ErrorCode.REMOTE_UNAVAILABLE, true),
    /** No complete response within the configured timeout (or HTTP 408). */
    TIMEOUT(ErrorCode.REMOTE_TIMEOUT, true),
    /** HTTP 429. */
    RATE_LIMITED(ErrorCode.REMOTE_RATE_LIMITED, true),
    /** Other 5xx answers. */
    SERVER_ERROR(ErrorCode.REMOTE_SERVER_ERROR, true),
    /** The server declined to answer (content filter, a refusal instead of text). */
    REFUSED(ErrorCode.REMOTE_REFUSED, false),
    /** The answer was not a well-formed chat completion (bad JSON, no choices, no text). */
    MALFORMED_RESPONSE(ErrorCode.REMOTE_MALFORMED_RESPONSE, false),
    /** HTTP 401/403: wrong or missing key. */
    AUTHENTICATION(ErrorCode.REMOTE_AUTHENTICATION, false),
    /** The server does not serve the configured model (HTTP 404 or absent from /v1/models). */
    MODEL_NOT_FOUND(ErrorCode.REMOTE_MODEL_NOT_FOUND, false),
    /** Other 4xx: the request itself is wrong for this server. */
    BAD_REQUEST(ErrorCode.REMOTE_BAD_REQUEST, false),
    /** This process already has the configured number of calls in flight to the endpoint. */
    SATURATED(ErrorCode.REMOTE_SATURATED, false);

    private final ErrorCode code;
    private final boolean retriable;

    RemoteFailure(ErrorCode code, boolean retriable) {
        this.code = code;
        this.retriable = retriable;
    }

    public ErrorCode code() {
        return code;
    }

    public boolean retriable() {
        return retriable;
    }
}
