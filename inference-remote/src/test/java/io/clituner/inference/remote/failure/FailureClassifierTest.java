package io.clituner.inference.remote.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import org.junit.jupiter.api.Test;

class FailureClassifierTest {
    @Test
    void causesAreFoundThroughWrappers() {
        assertEquals(
                RemoteFailure.UNAVAILABLE,
                FailureClassifier.classify(
                        new LangChain4jException(new RuntimeException(new ConnectException("refused")))));
        assertEquals(
                RemoteFailure.TIMEOUT,
                FailureClassifier.classify(new RuntimeException(new HttpTimeoutException("request timed out"))));
        assertEquals(RemoteFailure.TIMEOUT, FailureClassifier.classify(new TimeoutException("t")));
        assertEquals(
                RemoteFailure.RATE_LIMITED,
                FailureClassifier.classify(new RateLimitException(new HttpException(429, "slow down"))));
        assertEquals(
                RemoteFailure.UNAVAILABLE,
                FailureClassifier.classify(new LangChain4jException(new IOException("connection reset"))));
        assertEquals(
                RemoteFailure.MALFORMED_RESPONSE, FailureClassifier.classify(new IllegalStateException("no choices")));
    }

    @Test
    void onlyTransientKindsAreRetriable() {
        for (RemoteFailure f : RemoteFailure.values()) {
            boolean transientKind = f == RemoteFailure.UNAVAILABLE
                    || f == RemoteFailure.TIMEOUT
                    || f == RemoteFailure.RATE_LIMITED
                    || f == RemoteFailure.SERVER_ERROR;
            assertEquals(transientKind, f.retriable(), f.name());
        }
    }
}
