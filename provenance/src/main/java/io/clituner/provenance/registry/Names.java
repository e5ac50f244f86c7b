package io.clituner.provenance.registry;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import java.util.regex.Pattern;

/** The spelling rules for model, alias and capability names, checked at every entry point. */
public final class Names {
    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,127}");
    // aliases start with a letter so that "model@1.0.0" and "model@champion" never collide
    private static final Pattern ALIAS = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    private static final Pattern CAPABILITY = Pattern.compile("[a-z][a-z0-9._-]{0,62}");

    private Names() {}

    public static String model(String name) {
        return check(name, MODEL, "model name", "letters, digits, '.', '_', '-', '/' (e.g. qwen2.5-coder-0.5b)");
    }

    public static String alias(String name) {
        String n = name != null && name.startsWith("@") ? name.substring(1) : name;
        return check(n, ALIAS, "alias", "a lower-case letter followed by letters, digits, '_' or '-' (e.g. champion)");
    }

    public static String capability(String name) {
        return check(
                name, CAPABILITY, "capability", "lower-case words joined by '-', '.' or '_' (e.g. code-generation)");
    }

    public static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new CliTunerException(ErrorCode.REGISTRY_INVALID, what + " is required");
        }
        return value;
    }

    private static String check(String value, Pattern p, String what, String rule) {
        if (value == null || !p.matcher(value).matches()) {
            throw new CliTunerException(
                    ErrorCode.REGISTRY_INVALID,
                    (value == null ? what + " is missing" : "invalid " + what + " '" + value + "'") + "; use " + rule);
        }
        return value;
    }
}
