package io.clituner.inference.djl.internal.adapt;

/**
 * A place in a command that holds a value of the request: the characters {@code [start, end)} of the
 * command's source, found through its parse tree.
 *
 * @param kind   what the value stands for
 * @param value  the value there now, canonical as in {@link Entity#value()} (bytes, minutes…)
 * @param start  first character of the region replaced when the slot is filled
 * @param end    end of that region (exclusive)
 * @param quoted whether the region lies inside single or double quotes
 * @param form   how a new value is written: {@code plain}, {@code size:SIGN} ({@code find -size}),
 *               {@code time:LETTER:SIGN} (a whole {@code find -mtime N} test), {@code phrase} ("2 hours"), {@code start}
 *               (a {@code kind} start point, which falls back to {@code .} when the example's request named it
 *               and the user's names no place)
 */
public record Slot(EntityKind kind, String value, int start, int end, boolean quoted, String form) {}
