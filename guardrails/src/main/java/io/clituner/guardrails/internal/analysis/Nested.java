package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Origin;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Code or a command that an invocation runs in turn: what the analyzer must also look inside. */
public sealed interface Nested {
    /** A string of bash code ({@code sh -c STR}, {@code eval}, {@code ssh host STR}, {@code git -c alias.x=!STR}). */
    record Code(String text, Origin origin, @Nullable List<String> positional, int start, int end, String via)
            implements Nested {}

    /** A program started with an argument vector ({@code sudo CMD}, {@code xargs CMD}, {@code find -exec CMD ;}). */
    record Argv(Invocation invocation) implements Nested {}

    /** The program executes whatever arrives on its stdin ({@code … | sh}, {@code at now}). */
    record StdinCode(String via) implements Nested {}

    /** The program executes a script file named by this argument ({@code bash F}, {@code source F}). */
    record CodeFile(io.clituner.guardrails.internal.expand.Arg file, String via) implements Nested {}

    /** An inline program in another language ({@code python -c}, {@code perl -e}, {@code awk PROGRAM}). */
    record Foreign(String language, String code, Origin origin, int start, int end) implements Nested {}
}
