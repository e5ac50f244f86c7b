package io.clituner.core.engine.options;

import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One engine option: its key, what it means, the values it accepts, its default, and how its text is read. A
 * provider declares its options as constants and reads {@link OptionValues} through them, so the key, the parse
 * and the range live in one place; text that is not an accepted value is a {@link ConfigurationException} naming
 * the key and the accepted values (strict: {@code grammar=ture} is an error, not {@code false}).
 *
 * @param <T> the parsed type
 */
public final class OptionSpec<T> {
    private final String key;
    private final String description;
    private final String accepted;
    private final @Nullable T defaultValue;
    private final Function<String, T> parser;
    private final Predicate<T> valid;
    private final boolean prefix;

    private OptionSpec(
            String key,
            String description,
            String accepted,
            @Nullable T defaultValue,
            Function<String, T> parser,
            Predicate<T> valid,
            boolean prefix) {
        if (key == null || key.isBlank() || !key.strip().equals(key)) {
            throw new IllegalArgumentException(
                    "an option key must be non-blank without surrounding spaces, got '" + key + "'");
        }
        this.key = key;
        this.description = Objects.requireNonNull(description, "description");
        this.accepted = Objects.requireNonNull(accepted, "accepted");
        this.defaultValue = defaultValue;
        this.parser = Objects.requireNonNull(parser, "parser");
        this.valid = Objects.requireNonNull(valid, "valid");
        this.prefix = prefix;
    }

    /** An integer in {@code min..max}. */
    public static OptionSpec<Integer> integer(String key, String description, int defaultValue, int min, int max) {
        return integer(key, description, defaultValue, min + ".." + max, v -> v >= min && v <= max);
    }

    /** An integer with a rule of its own, said in {@code accepted} (e.g. "0 (automatic) or 64..1048576"). */
    public static OptionSpec<Integer> integer(
            String key, String description, int defaultValue, String accepted, Predicate<Integer> valid) {
        return new OptionSpec<>(
                key,
                description,
                "an integer, " + accepted,
                defaultValue,
                raw -> Integer.valueOf(raw.strip()),
                valid,
                false);
    }

    /** A finite decimal number in {@code min..max}. */
    public static OptionSpec<Double> decimal(
            String key, String description, double defaultValue, double min, double max) {
        return new OptionSpec<>(
                key,
                description,
                "a number, " + min + ".." + max,
                defaultValue,
                raw -> finite(raw.strip()),
                v -> v >= min && v <= max,
                false);
    }

    /** A finite decimal number in {@code min..max} without a default: unset unless given (the engine decides). */
    public static OptionSpec<Double> decimal(String key, String description, double min, double max) {
        return new OptionSpec<>(
                key,
                description,
                "a number, " + min + ".." + max,
                null,
                raw -> finite(raw.strip()),
                v -> v >= min && v <= max,
                false);
    }

    /** {@code true} or {@code false} (any case); nothing else. */
    public static OptionSpec<Boolean> bool(String key, String description, boolean defaultValue) {
        return new OptionSpec<>(
                key, description, "true or false", defaultValue, raw -> strictBoolean(raw.strip()), v -> true, false);
    }

    /** One of {@code values}, named by {@code name} (matched in any case). */
    public static <E> OptionSpec<E> oneOf(
            String key, String description, E defaultValue, List<E> values, Function<E, String> name) {
        List<E> all = List.copyOf(values);
        String names = all.stream().map(name).collect(Collectors.joining(", "));
        return new OptionSpec<>(
                key,
                description,
                "one of " + names,
                defaultValue,
                raw -> all.stream()
                        .filter(v -> name.apply(v).equalsIgnoreCase(raw.strip()))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("not one of " + names)),
                v -> true,
                false);
    }

    /** One constant of an enum, by its lower-case name. */
    public static <E extends Enum<E>> OptionSpec<E> oneOf(
            String key, String description, E defaultValue, Class<E> type) {
        return oneOf(
                key,
                description,
                defaultValue,
                List.of(type.getEnumConstants()),
                e -> e.name().toLowerCase(Locale.ROOT));
    }

    /** Non-blank text; {@code defaultValue} may be null (then the option is unset unless given). */
    public static OptionSpec<String> text(String key, String description, @Nullable String defaultValue) {
        return new OptionSpec<>(key, description, "non-blank text", defaultValue, raw -> raw, v -> !v.isBlank(), false);
    }

    /** A file or directory path (not checked for existence here: the engine says what it needs). */
    public static OptionSpec<Path> path(String key, String description) {
        return new OptionSpec<>(
                key,
                description,
                "a path",
                null,
                raw -> Path.of(raw.strip()),
                v -> !v.toString().isBlank(),
                false);
    }

    /**
     * Any value read by {@code parser}, which throws {@link IllegalArgumentException} for text it does not accept. The
     * text comes as given (a stop string may be a newline); the other kinds ignore surrounding spaces.
     */
    public static <T> OptionSpec<T> custom(
            String key, String description, String accepted, @Nullable T defaultValue, Function<String, T> parser) {
        return new OptionSpec<>(key, description, accepted, defaultValue, parser, v -> true, false);
    }

    /** A family of keys {@code PREFIX + NAME} (e.g. {@code extra.top_k}); the value is kept as text. */
    public static OptionSpec<String> prefixed(String prefix, String description) {
        return new OptionSpec<>(prefix, description, "text", null, raw -> raw, v -> true, true);
    }

    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    /** What a value may be, e.g. "an integer, 1..512". */
    public String accepted() {
        return accepted;
    }

    public Optional<T> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** Whether this spec names a family of keys by their prefix. */
    public boolean isPrefix() {
        return prefix;
    }

    boolean matches(String candidate) {
        return prefix ? candidate.startsWith(key) && candidate.length() > key.length() : key.equals(candidate);
    }

    /**
     * Reads one value (numbers, booleans, names and paths ignoring surrounding spaces).
     *
     * @throws ConfigurationException naming the key, the text and the accepted values
     */
    public T parse(String raw) {
        Objects.requireNonNull(raw, "raw");
        T value;
        try {
            value = parser.apply(raw);
        } catch (IllegalArgumentException | ConfigurationException e) {
            throw invalid(raw, e);
        }
        return check(value, raw);
    }

    /**
     * Checks a value set in code (a config builder) against the same rule as text.
     *
     * @throws ConfigurationException naming the key and the accepted values
     */
    public T check(T value) {
        return check(value, String.valueOf(value));
    }

    private T check(T value, String raw) {
        if (value == null || !valid.test(value)) {
            throw invalid(raw, null);
        }
        return value;
    }

    private ConfigurationException invalid(String raw, @Nullable Exception cause) {
        return new ConfigurationException(
                ErrorCode.CONFIGURATION, "option " + key + " must be " + accepted + ", got '" + raw + "'", cause);
    }

    /** One line for help texts: {@code key (accepted; default d): description}. */
    public String describe() {
        String name = prefix ? key + "NAME" : key;
        return name + " (" + accepted + (defaultValue == null ? "" : "; default " + shown(defaultValue)) + "): "
                + description;
    }

    private static String shown(Object value) {
        return value instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : String.valueOf(value);
    }

    private static Boolean strictBoolean(String raw) {
        if (raw.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (raw.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("not a boolean");
    }

    private static Double finite(String raw) {
        double v = Double.parseDouble(raw);
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("not finite");
        }
        return v;
    }

    @Override
    public String toString() {
        return describe();
    }
}
