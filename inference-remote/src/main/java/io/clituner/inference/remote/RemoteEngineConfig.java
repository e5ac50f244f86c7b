package io.clituner.inference.remote;

import io.clituner.core.engine.EngineSettings;
import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach one OpenAI-compatible chat-completion server (vLLM, llama.cpp's llama-server,
 * Ollama, KServe or Ray Serve behind the OpenAI API).
 *
 * @param endpoint        base URL ending in the API version, e.g. {@code http://10.0.0.7:8000/v1}
 *                        (a URL without a path gets {@code /v1}); no credentials in it
 * @param model           the served model name the server is asked for
 * @param apiKey          bearer token source; never logged
 * @param timeout         per-attempt limit for connecting and for the whole response
 * @param maxRetries      extra attempts after a retriable failure (unavailable, timeout, 429, 5xx)
 * @param initialBackoff  wait before the first retry; doubled each time, with full jitter
 * @param maxBackoff      the longest wait between attempts
 * @param maxConcurrent   calls this engine has in flight at once; more wait for a slot
 * @param acquireTimeout  how long a call waits for a slot before failing SATURATED
 * @param maxTokens       most tokens to generate
 * @param temperature     sampling temperature (0 = greedy, reproducible on servers that honour it)
 * @param seed            sampling seed sent to the server
 * @param stop            stop strings
 * @param revision        the served model's revision or digest when the deployment knows it
 *                        (a registry version's serving spec); else the server's reported fingerprint
 * @param verifyModel     check at open that {@code /v1/models} lists the model
 * @param probe           without a configured revision, send one 1-token request at open to read the
 *                        server's reported fingerprint (also proves the key and the chat route work)
 * @param logprobs        ask for token log-probabilities (used for the confidence when returned)
 * @param extraBody       extra request fields the server understands (llama.cpp {@code grammar},
 *                        vLLM {@code guided_regex}…), sent as they are
 */
public record RemoteEngineConfig(URI endpoint, String model, ApiKey apiKey, Duration timeout, int maxRetries,
                                 Duration initialBackoff, Duration maxBackoff, int maxConcurrent, Duration acquireTimeout,
                                 int maxTokens, double temperature, int seed, List<String> stop, String revision,
                                 boolean verifyModel, boolean probe, boolean logprobs, Map<String, Object> extraBody) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_TOKENS = 96;

    public RemoteEngineConfig {
        endpoint = normalize(endpoint);
        if (model == null || model.isBlank()) {
            throw new ConfigurationException(ErrorCode.CONFIGURATION, "the remote engine needs the served model name (option 'model')");
        }
        Objects.requireNonNull(apiKey, "apiKey");
        positive(timeout, "timeout");
        check(maxRetries >= 0 && maxRetries <= 10, "maxRetries must be 0..10", maxRetries);
        positive(initialBackoff, "initialBackoff");
        positive(maxBackoff, "maxBackoff");
        check(maxConcurrent >= 1 && maxConcurrent <= 10_000, "maxConcurrent must be 1..10000", maxConcurrent);
        Objects.requireNonNull(acquireTimeout, "acquireTimeout");
        check(maxTokens >= 1 && maxTokens <= 32_768, "maxTokens must be 1..32768", maxTokens);
        if (!(temperature >= 0 && temperature <= 2)) {
            throw new ConfigurationException(ErrorCode.CONFIGURATION, "temperature must be within 0..2, got " + temperature);
        }
        stop = List.copyOf(stop);
        extraBody = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extraBody));
    }

    /** The base URL as text, e.g. {@code http://127.0.0.1:8080/v1}: what provenance and metrics name. */
    public String endpointText() {
        return endpoint.toString();
    }

    private static URI normalize(URI endpoint) {
        if (endpoint == null) {
            throw new ConfigurationException(ErrorCode.CONFIGURATION,
                    "the remote engine needs an endpoint URL (option 'endpoint'), e.g. http://127.0.0.1:8080/v1");
        }
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if ((!scheme.equals("http") && !scheme.equals("https")) || endpoint.getHost() == null) {
            throw new ConfigurationException(ErrorCode.CONFIGURATION, "endpoint must be an http(s) URL with a host, got '" + endpoint + "'");
        }
        if (endpoint.getRawUserInfo() != null) {
            // credentials in a URL end up in logs and provenance; keys go through ApiKey
            throw new ConfigurationException(ErrorCode.CONFIGURATION,
                    "endpoint must not carry credentials; give the API key by environment variable or key file");
        }
        if (endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
            throw new ConfigurationException(ErrorCode.CONFIGURATION, "endpoint must not have a query or fragment: " + endpoint);
        }
        String path = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.isEmpty()) {
            path = "/v1";
        }
        try {
            return new URI(scheme, null, endpoint.getHost(), endpoint.getPort(), path, null, null);
        } catch (URISyntaxException e) {
            throw new ConfigurationException(ErrorCode.CONFIGURATION, "bad endpoint URL " + endpoint + ": " + e.getMessage());
        }
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new ConfigurationException(ErrorCode.CONFIGURATION, name + " must be a positive duration, got " + d);
        }
    }

    private static void check(boolean ok, String rule, int value) {
        if (!ok) {
            throw new ConfigurationException(ErrorCode.CONFIGURATION, rule + ", got " + value);
        }
    }

    public static Builder builder(String endpoint, String model) {
        return new Builder(parse(endpoint), model);
    }

    static URI parse(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            return null;
        }
        try {
            return new URI(endpoint.strip());
        } catch (URISyntaxException e) {
            throw new ConfigurationException(ErrorCode.CONFIGURATION, "endpoint is not a URL: '" + endpoint + "'");
        }
    }

    /**
     * From engine settings (what {@code clituner translate --endpoint} and a registry serving spec
     * give): {@code endpoint}, {@code model}, {@code apiKeyEnv} | {@code apiKeyFile}, {@code timeoutMs},
     * {@code maxRetries}, {@code backoffMs}, {@code maxBackoffMs}, {@code maxConcurrent},
     * {@code acquireTimeoutMs}, {@code maxTokens}, {@code temperature}, {@code seed}, {@code stop}
     * (several separated by {@code |}), {@code revision}, {@code verifyModel}, {@code probe}, {@code logprobs}, and
     * {@code extra.NAME} for extra request fields (true/false and integers are sent as JSON
     * booleans and numbers).
     */
    public static RemoteEngineConfig fromSettings(EngineSettings s) {
        Builder b = new Builder(parse(s.option("endpoint").orElse(null)), s.option("model").orElse(null))
                .apiKey(ApiKey.fromOptions(s.options()));
        s.option("timeoutMs").ifPresent(v -> b.timeout(Duration.ofMillis(s.intOption("timeoutMs", 0))));
        b.maxRetries(s.intOption("maxRetries", b.maxRetries));
        s.option("backoffMs").ifPresent(v -> b.backoff(Duration.ofMillis(s.intOption("backoffMs", 0)), b.maxBackoff));
        s.option("maxBackoffMs").ifPresent(v -> b.backoff(b.initialBackoff, Duration.ofMillis(s.intOption("maxBackoffMs", 0))));
        b.maxConcurrent(s.intOption("maxConcurrent", b.maxConcurrent));
        s.option("acquireTimeoutMs").ifPresent(v -> b.acquireTimeout(Duration.ofMillis(s.intOption("acquireTimeoutMs", 0))));
        b.maxTokens(s.intOption("maxTokens", b.maxTokens));
        s.option("temperature").ifPresent(v -> {
            try {
                b.temperature(Double.parseDouble(v.trim()));
            } catch (NumberFormatException e) {
                throw new ConfigurationException(ErrorCode.CONFIGURATION, "option temperature must be a number, got '" + v + "'");
            }
        });
        b.seed(s.intOption("seed", b.seed));
        s.option("stop").ifPresent(v -> b.stop(List.of(v.split("\\|"))));
        s.option("revision").ifPresent(b::revision);
        b.verifyModel(s.booleanOption("verifyModel", b.verifyModel));
        b.probe(s.booleanOption("probe", b.probe));
        b.logprobs(s.booleanOption("logprobs", b.logprobs));
        s.options().forEach((k, v) -> {
            if (k.startsWith("extra.") && k.length() > 6) {
                b.extra(k.substring(6), jsonScalar(v));
            }
        });
        return b.build();
    }

    private static Object jsonScalar(String v) {
        if (v.equals("true") || v.equals("false")) {
            return Boolean.valueOf(v);
        }
        try {
            return Long.valueOf(v);
        } catch (NumberFormatException e) {
            return v;
        }
    }

    public static final class Builder {
        private final URI endpoint;
        private final String model;
        private ApiKey apiKey = ApiKey.none();
        private Duration timeout = DEFAULT_TIMEOUT;
        private int maxRetries = 2;
        private Duration initialBackoff = Duration.ofMillis(200);
        private Duration maxBackoff = Duration.ofSeconds(5);
        private int maxConcurrent = 16;
        private Duration acquireTimeout = Duration.ofSeconds(30);
        private int maxTokens = DEFAULT_MAX_TOKENS;
        private double temperature = 0.0;
        private int seed = 42;
        private List<String> stop = List.of();
        private String revision;
        private boolean verifyModel = true;
        private boolean probe = true;
        private boolean logprobs = true;
        private final Map<String, Object> extraBody = new LinkedHashMap<>();

        private Builder(URI endpoint, String model) {
            this.endpoint = endpoint;
            this.model = model;
        }

        public Builder apiKey(ApiKey key) {
            this.apiKey = Objects.requireNonNull(key, "apiKey");
            return this;
        }

        public Builder timeout(Duration d) {
            this.timeout = d;
            return this;
        }

        public Builder maxRetries(int n) {
            this.maxRetries = n;
            return this;
        }

        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        public Builder maxConcurrent(int n) {
            this.maxConcurrent = n;
            return this;
        }

        public Builder acquireTimeout(Duration d) {
            this.acquireTimeout = d;
            return this;
        }

        public Builder maxTokens(int n) {
            this.maxTokens = n;
            return this;
        }

        public Builder temperature(double t) {
            this.temperature = t;
            return this;
        }

        public Builder seed(int s) {
            this.seed = s;
            return this;
        }

        public Builder stop(List<String> strings) {
            List<String> out = new ArrayList<>();
            for (String s : strings) {
                if (s == null || s.isEmpty()) {
                    throw new ConfigurationException(ErrorCode.CONFIGURATION, "stop strings must not be empty");
                }
                out.add(s);
            }
            this.stop = out;
            return this;
        }

        public Builder revision(String r) {
            this.revision = r == null || r.isBlank() ? null : r.strip();
            return this;
        }

        public Builder verifyModel(boolean v) {
            this.verifyModel = v;
            return this;
        }

        public Builder probe(boolean v) {
            this.probe = v;
            return this;
        }

        public Builder logprobs(boolean v) {
            this.logprobs = v;
            return this;
        }

        public Builder extra(String field, Object value) {
            extraBody.put(Objects.requireNonNull(field, "field"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public RemoteEngineConfig build() {
            return new RemoteEngineConfig(endpoint, model, apiKey, timeout, maxRetries, initialBackoff, maxBackoff, maxConcurrent,
                    acquireTimeout, maxTokens, temperature, seed, stop, revision, verifyModel, probe, logprobs, extraBody);
        }
    }
}
