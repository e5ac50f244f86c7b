package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Origin;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a command reads on standard input: known content (here-string, echo upstream…) or only
 * its origin, and the pipeline stages that produced it.
 *
 * @param content  the exact text when statically known, else null
 * @param upstream earlier stages of the same pipeline (empty when not piped)
 * @param piped    true when stdin is a pipe, a here-string/document or a redirected file
 */
public record Stdin(Origin origin, @Nullable String content, List<Invocation> upstream, boolean piped) {
    public static final Stdin TERMINAL = new Stdin(Origin.LITERAL, null, List.of(), false);
}
