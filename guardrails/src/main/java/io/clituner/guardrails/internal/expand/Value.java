package io.clituner.guardrails.internal.expand;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A shell variable's value as far as the analyzer knows it: a scalar or an array of strings that
 * may contain {@link Sentinels#UNKNOWN}, and where it came from.
 *
 * @param scalar the value of a scalar; null exactly when {@code array} is not
 * @param array the elements of an array; null for a scalar
 */
public record Value(@Nullable String scalar, @Nullable List<String> array, Origin origin) {
    public Value {
        if ((scalar == null) == (array == null)) {
            throw new IllegalArgumentException("a value is either a scalar or an array");
        }
    }

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

    /** The text of a scalar (callers ask only after {@link #isArray()} said no). */
    public String scalarText() {
        if (scalar == null) {
            throw new IllegalStateException("an array has no scalar text");
        }
        return scalar;
    }

    /** Element 0 for arrays, like bash's $arr. */
    public String first() {
        List<String> items = array;
        if (items != null) {
            return items.isEmpty() ? "" : items.get(0);
        }
        return scalarText();
    }
}
