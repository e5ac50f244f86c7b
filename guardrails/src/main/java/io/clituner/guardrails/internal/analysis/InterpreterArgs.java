package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Arg;
import java.util.List;

/** Finds the code an interpreter's command line runs, from its {@link ForeignLanguage}'s option syntax. */
final class InterpreterArgs {
    private InterpreterArgs() {}

    /** Code after a code option, attached to an option cluster, a script file, or stdin (the default). */
    static List<Nested> nested(ForeignLanguage lang, Invocation inv, String program) {
        List<Arg> argv = inv.argv();
        for (int i = 1; i < argv.size(); i++) {
            Arg a = argv.get(i);
            String t = a.text();
            if (lang.codeOption(t) && i + 1 < argv.size()) {
                Arg c = argv.get(i + 1);
                return List.of(new Nested.Foreign(lang.name(), c.text(), c.origin(), c.start(), c.end()));
            }
            // attached forms: -c'code', -e'code', perl -le'…'
            if (lang.attachedValueOption(t)) {
                continue;
            }
            if (t.length() > 2 && t.startsWith("-") && !t.startsWith("--")) {
                int k = lang.attachedCodeOption(t);
                if (k > 0 && k < t.length() - 1 && onlyFlags(t.substring(1, k))) {
                    return List.of(new Nested.Foreign(lang.name(), t.substring(k + 1), a.origin(), a.start(), a.end()));
                }
            }
            if (lang.endsWithoutCode(t)) {
                return List.of();
            }
            if (lang.optionTakesValue(t)) {
                i++;
                continue;
            }
            if (!t.startsWith("-") || t.equals("-")) {
                if (t.equals("-") || t.equals("/dev/stdin")) {
                    return List.of(new Nested.StdinCode(program));
                }
                return List.of(new Nested.CodeFile(a, program));
            }
        }
        return List.of(new Nested.StdinCode(program));
    }

    /** Letters perl, ruby and python accept in a cluster before the code option ({@code -lne}, {@code -Sc}). */
    private static boolean onlyFlags(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ("lnpawsiWTC0uSBOdEI".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The index of the first 'e' (else 'E') after the dash: perl -le'…', ruby -e'…'. */
    static int indexOfE(String t) {
        int k = t.indexOf('e');
        return k > 0 ? k : t.indexOf('E');
    }
}
