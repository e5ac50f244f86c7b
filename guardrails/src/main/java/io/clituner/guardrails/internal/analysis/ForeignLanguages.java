package io.clituner.guardrails.internal.analysis;

import java.util.List;

/**
 * The languages whose inline programs are read, in the order their interpreter names are tried; the last one takes
 * any other interpreter. To add a language, write its {@link ForeignLanguage} class and add it to {@link #ALL}.
 */
final class ForeignLanguages {
    private static final List<ForeignLanguage> ALL = List.of(
            new ForeignPython(),
            new ForeignPerl(),
            new ForeignRuby(),
            new ForeignNode(),
            new ForeignPhp(),
            new ForeignLua(),
            new ForeignAwk(),
            new ForeignTcl(),
            new ForeignJulia(),
            new ForeignJava(),
            new ForeignR(),
            new ForeignOther());

    private ForeignLanguages() {}

    /** The language a program runs ({@code python3} → python); {@link ForeignOther} when none claims it. */
    static ForeignLanguage forProgram(String program) {
        for (ForeignLanguage l : ALL) {
            if (l.runs(program)) {
                return l;
            }
        }
        throw new IllegalStateException("ForeignOther runs every program");
    }

    /** The language of this name; {@link ForeignOther} for a name no language has. */
    static ForeignLanguage named(String name) {
        for (ForeignLanguage l : ALL) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        return ALL.get(ALL.size() - 1);
    }
}
