package io.clituner.guardrails.expand;

import java.util.List;

/**
 * A shell variable's value as far as the analyzer knows it: a scalar or an array of strings that
 * may contain {@link Sentinels#UNKNOWN}, and where it came from.
 */
public record Value(String scalar, List<String> array, Origin origin) {
    public static final Value UNKNOWN_UNSET = new Value(String.valueOf(Sentinels.UNKNOWN), null, Origin.UNSET);

    public static Value of(String s, Origin origin) {
        return new Value(s, null, origin);
    }

    public static Value unknown(Origin origin) {
        return new Value(String.valueOf(Sentinels.UNKNOWN), null, origin);
    }

    public static Value array(List<String> items, Origin origin) {
        return new Value(null, List.copyOf(items), origin);
    }

    public boolean isArray() {
        return array != null;
    }

    /** Element 0 for arrays, like bash's $arr. */
    public String first() {
        if (array != null) {
            return array.isEmpty() ? "" : array.get(0);
        }
        return scalar;
    }
}
