package io.clituner.core.engine.options;

import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The options one engine accepts ({@code InferenceEngineProvider.options()}; this package does not depend on
 * {@code engine}, which depends on it). Parsing
 * is strict: a key the engine does not declare is a {@link ConfigurationException} that names the key, the
 * declared keys closest to it and all accepted keys; a value is read by its {@link OptionSpec}.
 */
public final class EngineOptions {
    private final String engine;
    private final List<OptionSpec<?>> specs;

    private EngineOptions(String engine, List<OptionSpec<?>> specs) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.specs = List.copyOf(specs);
        Map<String, OptionSpec<?>> seen = new HashMap<>();
        for (OptionSpec<?> s : this.specs) {
            if (seen.put(s.key(), s) != null) {
                throw new IllegalArgumentException("option " + s.key() + " declared twice for " + engine);
            }
        }
    }

    /** The options of the engine named {@code engine}; none means the engine accepts no option. */
    public static EngineOptions of(String engine, OptionSpec<?>... specs) {
        return new EngineOptions(engine, List.of(specs));
    }

    public static EngineOptions of(String engine, List<OptionSpec<?>> specs) {
        return new EngineOptions(engine, specs);
    }

    public String engine() {
        return engine;
    }

    public List<OptionSpec<?>> specs() {
        return specs;
    }

    /**
     * Reads every option.
     *
     * @throws ConfigurationException for an undeclared key or a value its spec does not accept
     */
    public OptionValues parse(Map<String, String> raw) {
        Map<OptionSpec<?>, Object> values = new HashMap<>();
        Map<String, String> prefixed = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(raw).entrySet()) {
            OptionSpec<?> spec = specFor(e.getKey());
            if (spec.isPrefix()) {
                prefixed.put(e.getKey(), spec.parse(e.getValue()).toString());
            } else {
                values.put(spec, spec.parse(e.getValue()));
            }
        }
        return new OptionValues(this, values, prefixed);
    }

    private OptionSpec<?> specFor(String key) {
        for (OptionSpec<?> s : specs) {
            if (s.matches(key)) {
                return s;
            }
        }
        throw new ConfigurationException(ErrorCode.CONFIGURATION, unknownKey(key));
    }

    private String unknownKey(String key) {
        if (specs.isEmpty()) {
            return "the " + engine + " engine takes no options, got '" + key + "'";
        }
        List<String> close = closest(key);
        return "unknown option '" + key + "' for the " + engine + " engine"
                + (close.isEmpty()
                        ? "."
                        : "; did you mean "
                                + close.stream().map(k -> "'" + k + "'").collect(Collectors.joining(" or ")) + "?")
                + " Accepted: " + keys();
    }

    /** The declared keys, in declaration order, comma-separated (a prefix family as {@code extra.NAME}). */
    public String keys() {
        return specs.stream()
                .map(s -> s.isPrefix() ? s.key() + "NAME" : s.key())
                .collect(Collectors.joining(", "));
    }

    /** Declared keys within a few edits (1 for keys up to 4 letters, 2 up to 7, else 3), ignoring case, nearest first. */
    List<String> closest(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        specs.stream()
                .filter(s -> !s.isPrefix())
                .sorted(Comparator.comparingInt(s -> distance(lower, s.key().toLowerCase(Locale.ROOT))))
                .forEach(s -> {
                    int d = distance(lower, s.key().toLowerCase(Locale.ROOT));
                    int len = s.key().length();
                    if (d <= (len <= 4 ? 1 : len <= 7 ? 2 : 3)) {
                        out.add(s.key());
                    }
                });
        return out.size() > 3 ? out.subList(0, 3) : out;
    }

    /** Edit distance counting a swap of neighbours as one edit (optimal string alignment): "bnak" is 1 from "bank". */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** Every option, one per line ({@link OptionSpec#describe()}), for help texts and READMEs. */
    public String describe() {
        return specs.stream().map(OptionSpec::describe).collect(Collectors.joining("\n"));
    }
}
