package io.clituner.inference.djl.adapt;

import java.util.Objects;

/**
 * A typed value found in a request.
 *
 * @param kind  what it stands for
 * @param value canonical value: bytes for {@link EntityKind#SIZE}, minutes for {@link EntityKind#DURATION},
 *              the text itself otherwise (extension without its dot, quoted text without quotes)
 * @param start where it starts in the request (character offset)
 * @param end   where it ends (exclusive)
 */
public record Entity(EntityKind kind, String value, int start, int end) {
    public Entity {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }
}
