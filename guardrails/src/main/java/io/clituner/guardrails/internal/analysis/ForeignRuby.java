package io.clituner.guardrails.internal.analysis;

/** Ruby ({@code ruby -e CODE}, {@code irb}): calls without parentheses, interpolating strings, backticks. */
final class ForeignRuby implements PerlFamily {
    @Override
    public String name() {
        return "ruby";
    }

    @Override
    public boolean runs(String program) {
        return program.startsWith("ruby") || program.equals("irb");
    }

    @Override
    public boolean optionTakesValue(String t) {
        return t.equals("-I") || t.equals("-r");
    }
}
