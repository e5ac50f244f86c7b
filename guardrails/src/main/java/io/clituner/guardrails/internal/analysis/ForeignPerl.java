package io.clituner.guardrails.internal.analysis;

/** Perl ({@code perl -e CODE}, {@code perl -le'…'}): calls without parentheses, interpolating strings, qx{…}. */
final class ForeignPerl implements PerlFamily {
    @Override
    public String name() {
        return "perl";
    }

    @Override
    public boolean runs(String program) {
        return program.startsWith("perl");
    }

    @Override
    public boolean optionTakesValue(String t) {
        return t.equals("-I") || t.equals("-M");
    }

    @Override
    public boolean endsWithoutCode(String t) {
        return t.equals("--version") || t.equals("--help"); // perl -v prints the version but is also a flag letter
    }
}
