package io.clituner.inference.remote;

import io.clituner.core.engine.EngineSettings;
import io.clituner.core.engine.options.EngineOptions;
import io.clituner.core.engine.options.OptionSpec;
import io.clituner.core.engine.options.OptionValues;
import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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
 *                        (a registry version's serving spec); null: the server's reported fingerprint
 * @param verifyModel     check at open that {@code /v1/models} lists the model
 * @param probe           without a configured revision, send one 1-token request at open to read the
 *                        server's reported fingerprint (also proves the key and the chat route work)
 * @param logprobs        ask for token log-probabilities (used for the confidence when returned)
 * @param extraBody       extra request fields the server understands (llama.cpp {@code grammar},
 *                        vLLM {@code guided_regex}…), sent as they are
 */
public record RemoteEngineConfig(
        URI endpoint,
        String model,
        ApiKey apiKey,
        Duration timeout,
        int maxRetries,
        Duration initialBackoff,
        Duration maxBackoff,
        int maxConcurrent,
        Duration acquireTimeout,
        int maxTokens,
        double temperature,
        int seed,
        List<String> stop,
        @Nullable String revision,
        boolean verifyModel,
        boolean probe,
        boolean logprobs,
        Map<String, Object> extraBody) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_TOKENS = 96;

    public RemoteEngineConfig {
        endpoint = normalize(requireEndpoint(endpoint));
        requireModel(model);
        Objects.requireNonNull(apiKey, "apiKey");
        positive(timeout, "timeout");
        // the same rules as the option text: one declaration (OPTIONS) for code and settings
        MAX_RETRIES.check(maxRetries);
        positive(initialBackoff, "initialBackoff");
        positive(maxBackoff, "maxBackoff");
        MAX_CONCURRENT.check(maxConcurrent);
        Objects.requireNonNull(acquireTimeout, "acquireTimeout");
        MAX_TOKENS.check(maxTokens);
        TEMPERATURE.check(temperature);
        stop = List.copyOf(stop);
        extraBody = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extraBody));
    }

    /** The base URL as text, e.g. {@code http://127.0.0.1:8080/v1}: what provenance and metrics name. */
    public String endpointText() {
        return endpoint.toString();
    }

    private static URI requireEndpoint(@Nullable URI endpoint) {
        if (endpoint == null) {
            throw new ConfigurationException(
                    ErrorCode.CONFIGURATION,
                    "the remote engine needs an endpoint URL (option 'endpoint'), e.g. http://127.0.0.1:8080/v1");
        }
        return endpoint;
    }

    private static String requireModel(@Nullable String model) {
        if (model == null || model.isBlank()) {
            throw new ConfigurationException(
                    ErrorCode.CONFIGURATION, "the remote engine needs the served model name (option 'model')");
        }
        return model;
    }

    private static URI normalize(URI endpoint) {
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if ((!scheme.equals("http") && !scheme.equals("https")) || endpoint.getHost() == null) {
            throw new ConfigurationException(
                    ErrorCode.CONFIGURATION, "endpoint must be an http(s) URL with a host, got '" + endpoint + "'");
        }
        if (endpoint.getRawUserInfo() != null) {
            // credentials in a URL end up in logs and provenance; keys go through ApiKey
            throw new ConfigurationException(
                    ErrorCode.CONFIGURATION,
                    "endpoint must not carry credentials; give the API key by environment variable or key file");
        }
        if (endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
            throw new ConfigurationException(
                    ErrorCode.CONFIGURATION, "endpoint must not have a query or fragment: " + endpoint);
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
            throw new ConfigurationException(
                    ErrorCode.CONFIGURATION, "bad endpoint URL " + endpoint + ": " + e.getMessage());
        }
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new ConfigurationException(ErrorCode.CONFIGURATION, name + " must be a positive duration, got " + d);
        }
    }

    public static Builder builder(@Nullable String endpoint, @Nullable String model) {
        return new Builder(parse(endpoint), model);
    }

    static @Nullable URI parse(@Nullable String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            return null;
        }
        try {
            return new URI(endpoint.strip());
        } catch (URISyntaxException e) {
            throw new ConfigurationException(ErrorCode.CONFIGURATION, "endpoint is not a URL: '" + endpoint + "'");
        }
    }

    public static final OptionSpec<String> ENDPOINT = OptionSpec.text(
            "endpoint", "base URL of the OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1 (required)", null);
    public static final OptionSpec<String> MODEL = OptionSpec.text("model", "the served model name (required)", null);
    public static final OptionSpec<String> API_KEY_ENV =
            OptionSpec.text("apiKeyEnv", "the environment variable holding the API key (or apiKeyFile)", null);
    public static final OptionSpec<Path> API_KEY_FILE =
            OptionSpec.path("apiKeyFile", "a file holding the API key (or apiKeyEnv)");
    public static final OptionSpec<Integer> TIMEOUT_MS = OptionSpec.integer(
            "timeoutMs",
            "per-attempt limit for connecting and for the whole response",
            (int) DEFAULT_TIMEOUT.toMillis(),
            1,
            Integer.MAX_VALUE);
    public static final OptionSpec<Integer> MAX_RETRIES =
            OptionSpec.integer("maxRetries", "extra attempts after a retriable failure", 2, 0, 10);
    public static final OptionSpec<Integer> BACKOFF_MS = OptionSpec.integer(
            "backoffMs", "wait before the first retry (doubled each time, full jitter)", 200, 1, Integer.MAX_VALUE);
    public static final OptionSpec<Integer> MAX_BACKOFF_MS =
            OptionSpec.integer("maxBackoffMs", "the longest wait between attempts", 5000, 1, Integer.MAX_VALUE);
    public static final OptionSpec<Integer> MAX_CONCURRENT =
            OptionSpec.integer("maxConcurrent", "calls in flight at once; more wait for a slot", 16, 1, 10_000);
    public static final OptionSpec<Integer> ACQUIRE_TIMEOUT_MS = OptionSpec.integer(
            "acquireTimeoutMs",
            "how long a call waits for a slot before failing SATURATED",
            30_000,
            0,
            Integer.MAX_VALUE);
    public static final OptionSpec<Integer> MAX_TOKENS =
            OptionSpec.integer("maxTokens", "most tokens to generate", DEFAULT_MAX_TOKENS, 1, 32_768);
    public static final OptionSpec<Double> TEMPERATURE = OptionSpec.decimal(
            "temperature", "sampling temperature (0 = greedy, reproducible on servers that honour it)", 0.0, 0.0, 2.0);
    public static final OptionSpec<Integer> SEED =
            OptionSpec.integer("seed", "sampling seed sent to the server", 42, "any", v -> true);
    public static final OptionSpec<List<String>> STOP = OptionSpec.custom(
            "stop", "stop strings", "non-empty strings separated by |", List.of(), RemoteEngineConfig::stops);
    public static final OptionSpec<String> REVISION =
            OptionSpec.text("revision", "the served model's revision or digest, when the deployment knows it", null);
    public static final OptionSpec<Boolean> VERIFY_MODEL =
            OptionSpec.bool("verifyModel", "check at open that /v1/models lists the model", true);
    public static final OptionSpec<Boolean> PROBE = OptionSpec.bool(
            "probe", "without a revision, send one 1-token request at open to read the server's fingerprint", true);
    public static final OptionSpec<Boolean> LOGPROBS =
            OptionSpec.bool("logprobs", "ask for token log-probabilities (the confidence, when returned)", true);
    public static final OptionSpec<String> EXTRA = OptionSpec.prefixed(
            "extra.", "an extra request field (true/false and integers are sent as JSON booleans and numbers)");
    /** The options of the {@code remote} engine. */
    public static final EngineOptions OPTIONS = EngineOptions.of(
            RemoteEngine.ENGINE_NAME,
            ENDPOINT,
            MODEL,
            API_KEY_ENV,
            API_KEY_FILE,
            TIMEOUT_MS,
            MAX_RETRIES,
            BACKOFF_MS,
            MAX_BACKOFF_MS,
            MAX_CONCURRENT,
            ACQUIRE_TIMEOUT_MS,
            MAX_TOKENS,
            TEMPERATURE,
            SEED,
            STOP,
            REVISION,
            VERIFY_MODEL,
            PROBE,
            LOGPROBS,
            EXTRA);

    private static List<String> stops(String raw) {
        List<String> out = List.of(raw.split("\\|", -1));
        if (out.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("empty stop string");
        }
        return out;
    }

    /**
     * From engine settings (what {@code clituner translate --endpoint} and a registry serving spec
     * give), read through {@link #OPTIONS}: an unknown key or a bad value is a {@link ConfigurationException}
     * naming it.
     */
    public static RemoteEngineConfig fromSettings(EngineSettings s) {
        OptionValues v = OPTIONS.parse(s.options());
        Builder b = new Builder(
                        parse(v.optional(ENDPOINT).orElse(null)),
                        v.optional(MODEL).orElse(null))
                .apiKey(ApiKey.fromOptions(s.options()))
                .timeout(Duration.ofMillis(v.get(TIMEOUT_MS)))
                .maxRetries(v.get(MAX_RETRIES))
                .backoff(Duration.ofMillis(v.get(BACKOFF_MS)), Duration.ofMillis(v.get(MAX_BACKOFF_MS)))
                .maxConcurrent(v.get(MAX_CONCURRENT))
                .acquireTimeout(Duration.ofMillis(v.get(ACQUIRE_TIMEOUT_MS)))
                .maxTokens(v.get(MAX_TOKENS))
                .temperature(v.get(TEMPERATURE))
                .seed(v.get(SEED))
                .stop(v.get(STOP))
                .revision(v.optional(REVISION).orElse(null))
                .verifyModel(v.get(VERIFY_MODEL))
                .probe(v.get(PROBE))
                .logprobs(v.get(LOGPROBS));
        v.family(EXTRA).forEach((field, value) -> b.extra(field, jsonScalar(value)));
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
        private final @Nullable URI endpoint;
        private final @Nullable String model;
        private ApiKey apiKey = ApiKey.none();
        // defaults: those of the option specs, so a builder and option text left empty mean the same
        private Duration timeout = Duration.ofMillis(TIMEOUT_MS.defaultValue().orElseThrow());
        private int maxRetries = MAX_RETRIES.defaultValue().orElseThrow();
        private Duration initialBackoff =
                Duration.ofMillis(BACKOFF_MS.defaultValue().orElseThrow());
        private Duration maxBackoff =
                Duration.ofMillis(MAX_BACKOFF_MS.defaultValue().orElseThrow());
        private int maxConcurrent = MAX_CONCURRENT.defaultValue().orElseThrow();
        private Duration acquireTimeout =
                Duration.ofMillis(ACQUIRE_TIMEOUT_MS.defaultValue().orElseThrow());
        private int maxTokens = MAX_TOKENS.defaultValue().orElseThrow();
        private double temperature = TEMPERATURE.defaultValue().orElseThrow();
        private int seed = SEED.defaultValue().orElseThrow();
        private List<String> stop = List.of();
        private @Nullable String revision;
        private boolean verifyModel = VERIFY_MODEL.defaultValue().orElseThrow();
        private boolean probe = PROBE.defaultValue().orElseThrow();
        private boolean logprobs = LOGPROBS.defaultValue().orElseThrow();
        private final Map<String, Object> extraBody = new LinkedHashMap<>();

        private Builder(@Nullable URI endpoint, @Nullable String model) {
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

        /** The served model's revision, or null (or blank) to read the server's fingerprint. */
        public Builder revision(@Nullable String r) {
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
            return new RemoteEngineConfig(
                    requireEndpoint(endpoint),
                    requireModel(model),
                    apiKey,
                    timeout,
                    maxRetries,
                    initialBackoff,
                    maxBackoff,
                    maxConcurrent,
                    acquireTimeout,
                    maxTokens,
                    temperature,
                    seed,
                    stop,
                    revision,
                    verifyModel,
                    probe,
                    logprobs,
                    extraBody);
        }
    }
}
