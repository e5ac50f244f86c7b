package io.clituner.guardrails.internal.analysis;

/** PHP ({@code php -r CODE}): shell_exec/system/passthru, backticks, interpolating strings. */
final class ForeignPhp implements ForeignLanguage {
    @Override
    public String name() {
        return "php";
    }

    @Override
    public boolean runs(String program) {
        return program.startsWith("php");
    }

    @Override
    public boolean codeOption(String t) {
        return t.equals("-r") || t.equals("-R") || t.equals("-B") || t.equals("-E");
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
