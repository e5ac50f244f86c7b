package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Arg;
import io.clituner.guardrails.internal.expand.BashNames;
import org.jspecify.annotations.Nullable;

/**
 * What the programs that look a program up print: {@code which NAME}, {@code command -v NAME}, {@code type -P NAME}
 * print the program's path, so {@code chmod u+s $(which bash)} is judged as {@code chmod u+s /usr/bin/bash} and
 * {@code $(command -v rm) -rf /} as {@code rm -rf /}. The directory is the usual one; rules judge programs by name.
 */
final class ProgramPaths {
    private ProgramPaths() {}

    /** The path this lookup prints for its one known program name, or null (several names, options, unknown). */
    static @Nullable String printed(Invocation inv) {
        String name = inv.name();
        boolean lookup = switch (name) {
            case "which" -> true;
            case "command" -> inv.hasOption('v');
            case "type" -> inv.hasOption('P') || inv.hasOption('p');
            default -> false;
        };
        if (!lookup || inv.operands().size() != 1) {
            return null;
        }
        Arg a = inv.operands().get(0);
        String program = a.text();
        if (!a.resolved()
                || program.isEmpty()
                || !program.equals(BashNames.basename(program))
                || !program.chars().allMatch(c -> Character.isLetterOrDigit(c) || "._+-".indexOf(c) >= 0)) {
            return program.startsWith("/") && a.resolved() ? program : null;
        }
        return "/usr/bin/" + program;
    }
}
