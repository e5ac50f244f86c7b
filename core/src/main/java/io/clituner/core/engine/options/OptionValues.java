package io.clituner.core.engine.options;

import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import java.util.Map;
import java.util.Optional;

/** Options read by {@link EngineOptions#parse}: typed values, by their {@link OptionSpec}. */
public final class OptionValues {
    private final EngineOptions options;
    private final Map<OptionSpec<?>, Object> values;
    private final Map<String, String> prefixed;

    OptionValues(EngineOptions options, Map<OptionSpec<?>, Object> values, Map<String, String> prefixed) {
        this.options = options;
        this.values = Map.copyOf(values);
        this.prefixed = Map.copyOf(prefixed);
    }

    /**
     * The value given, else the spec's default.
     *
     * @throws ConfigurationException when the option was not given and has no default (a required option)
     */
    public <T> T get(OptionSpec<T> spec) {
        return optional(spec)
                .orElseThrow(() -> new ConfigurationException(
                        ErrorCode.CONFIGURATION,
                        "the " + options.engine() + " engine needs the option " + spec.key() + " (" + spec.accepted()
                                + "): " + spec.description()));
    }

    /** The value given, else the spec's default, else empty. */
    public <T> Optional<T> optional(OptionSpec<T> spec) {
        requireDeclared(spec);
        @SuppressWarnings("unchecked") // put by parse() from this very spec
        T v = (T) values.get(spec);
        return v != null ? Optional.of(v) : spec.defaultValue();
    }

    /** Whether the option was given (not defaulted). */
    public boolean isSet(OptionSpec<?> spec) {
        requireDeclared(spec);
        return values.containsKey(spec);
    }

    /** The options of a prefix family, by the rest of their key ({@code extra.top_k=5} → {@code top_k → 5}). */
    public Map<String, String> family(OptionSpec<String> prefix) {
        requireDeclared(prefix);
        Map<String, String> out = new java.util.TreeMap<>();
        prefixed.forEach((k, v) -> {
            if (prefix.matches(k)) {
                out.put(k.substring(prefix.key().length()), v);
            }
        });
        return out;
    }

    private void requireDeclared(OptionSpec<?> spec) {
        if (!options.specs().contains(spec)) {
            throw new IllegalArgumentException(
                    "option " + spec.key() + " is not declared by the " + options.engine() + " engine");
        }
    }
}
