package io.clituner.guardrails.analysis;

/** Perl ({@code perl -e CODE}, {@code perl -le'…'}): calls without parentheses, interpolating strings, qx{…}. */
final class ForeignPerl implements ForeignLanguage {
    @Override
    public String name() {
        return "perl";
    }

    @Override
    public boolean runs(String program) {
        return program.startsWith("perl");
    }

    @Override
    public boolean codeOption(String t) {
        return ForeignRuby.eOption(t);
    }

    @Override
    public int attachedCodeOption(String word) {
        return InterpreterArgs.indexOfE(word);
    }

    @Override
    public boolean attachedValueOption(String t) {
        return ForeignRuby.moduleOption(t);
    }

    @Override
    public boolean optionTakesValue(String t) {
        return t.equals("-I") || t.equals("-M");
    }

    @Override
    public boolean endsWithoutCode(String t) {
        return t.equals("--version") || t.equals("--help"); // perl -v prints the version but is also a flag letter
    }

    @Override
    public boolean callsWithoutParentheses() {
        return true;
    }

    @Override
    public boolean interpolates() {
        return true;
    }
}
