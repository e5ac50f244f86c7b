package io.clituner.inference.remote.failure;

import com.fasterxml.jackson.core.JacksonException;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps what LangChain4j's OpenAI client and the JDK HTTP client throw to a {@link RemoteFailure}.
 * The whole cause chain is inspected: LangChain4j wraps transport errors in its own exceptions.
 */
public final class FailureClassifier {
    private FailureClassifier() {}

    public static RemoteFailure classify(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = error; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        // transport facts first: a timeout or a refused connection says more than the wrapper around it
        Integer status = null;
        for (Throwable t : chain) {
            if (t instanceof HttpException h && status == null) {
                status = h.statusCode();
            }
            if (t instanceof TimeoutException
                    || t instanceof HttpTimeoutException
                    || t instanceof SocketTimeoutException) {
                return RemoteFailure.TIMEOUT;
            }
            if (t instanceof ConnectException
                    || t instanceof ClosedChannelException
                    || t instanceof EOFException
                    || t instanceof UnresolvedAddressException
                    || t instanceof UnresolvedModelServerException) {
                return RemoteFailure.UNAVAILABLE;
            }
            if (t instanceof JacksonException) {
                return RemoteFailure.MALFORMED_RESPONSE;
            }
        }
        if (status != null) {
            return byStatus(status);
        }
        for (Throwable t : chain) {
            RemoteFailure kind = t instanceof RateLimitException
                    ? RemoteFailure.RATE_LIMITED
                    : t instanceof AuthenticationException
                            ? RemoteFailure.AUTHENTICATION
                            : t instanceof ModelNotFoundException
                                    ? RemoteFailure.MODEL_NOT_FOUND
                                    : t instanceof ContentFilteredException
                                            ? RemoteFailure.REFUSED
                                            : t instanceof InvalidRequestException
                                                    ? RemoteFailure.BAD_REQUEST
                                                    // without an HTTP status LangChain4j raises it for a 200 it cannot
                                                    // use ("no choices returned")
                                                    : t instanceof InternalServerException
                                                            ? RemoteFailure.MALFORMED_RESPONSE
                                                            // connection reset, stream closed mid-body, GOAWAY: the
                                                            // server went away
                                                            : t instanceof IOException
                                                                    ? RemoteFailure.UNAVAILABLE
                                                                    : null;
            if (kind != null) {
                return kind;
            }
        }
        // Anything else came out of decoding a response we could not use.
        return RemoteFailure.MALFORMED_RESPONSE;
    }

    public static RemoteFailure byStatus(int status) {
        if (status == 429) {
            return RemoteFailure.RATE_LIMITED;
        }
        if (status == 408) {
            return RemoteFailure.TIMEOUT;
        }
        if (status == 401 || status == 403) {
            return RemoteFailure.AUTHENTICATION;
        }
        if (status == 404) {
            return RemoteFailure.MODEL_NOT_FOUND;
        }
        if (status == 502 || status == 503 || status == 504) {
            return RemoteFailure.UNAVAILABLE;
        }
        if (status >= 500) {
            return RemoteFailure.SERVER_ERROR;
        }
        if (status >= 400) {
            return RemoteFailure.BAD_REQUEST;
        }
        return RemoteFailure.MALFORMED_RESPONSE;
    }
}
