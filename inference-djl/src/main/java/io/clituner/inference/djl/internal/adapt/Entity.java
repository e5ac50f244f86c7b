package io.clituner.inference.djl.internal.adapt;

import java.util.Objects;

/**
 * A typed value found in a request.
 *
 * @param kind  what it stands for
 * @param value canonical value: bytes for {@link EntityKind#SIZE}, minutes for {@link EntityKind#DURATION},
 *              the text itself otherwise (extension without its dot, quoted text without quotes)
 * @param start where it starts in the request (character offset)
 * @param end   where it ends (exclusive)
 * @param context up to 30 characters of the request before it ("files over ", "older than "), which say
 *                a bound's direction
 */
public record Entity(EntityKind kind, String value, int start, int end, String context) {
    public Entity {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        context = context == null ? "" : context;
    }

    public Entity(EntityKind kind, String value, int start, int end) {
        this(kind, value, start, end, "");
    }
}
