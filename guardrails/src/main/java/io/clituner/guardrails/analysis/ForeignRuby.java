package io.clituner.guardrails.analysis;

/** Ruby ({@code ruby -e CODE}, {@code irb}): calls without parentheses, interpolating strings, backticks. */
final class ForeignRuby implements ForeignLanguage {
    @Override
    public String name() {
        return "ruby";
    }

    @Override
    public boolean runs(String program) {
        return program.startsWith("ruby") || program.equals("irb");
    }

    @Override
    public boolean codeOption(String t) {
        return eOption(t);
    }

    @Override
    public int attachedCodeOption(String word) {
        return InterpreterArgs.indexOfE(word);
    }

    @Override
    public boolean attachedValueOption(String t) {
        return moduleOption(t);
    }

    @Override
    public boolean optionTakesValue(String t) {
        return t.equals("-I") || t.equals("-r");
    }

    @Override
    public boolean callsWithoutParentheses() {
        return true;
    }

    @Override
    public boolean interpolates() {
        return true;
    }

    /** perl and ruby: a short cluster ending in e or E ({@code -e}, {@code -lne}) takes the code as the next word. */
    static boolean eOption(String t) {
        return t.startsWith("-") && !t.startsWith("--") && (t.endsWith("e") || t.endsWith("E")) && t.length() <= 5;
    }

    /** perl and ruby: -rLIB, -IDIR, -MMODULE, -mMODULE carry a value, not code. */
    static boolean moduleOption(String t) {
        return (t.startsWith("-r") || t.startsWith("-I") || t.startsWith("-M") || t.startsWith("-m")) && t.length() > 2;
    }
}
