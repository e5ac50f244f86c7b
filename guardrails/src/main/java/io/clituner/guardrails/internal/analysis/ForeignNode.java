package io.clituner.guardrails.internal.analysis;

/** JavaScript ({@code node -e CODE}, deno, bun): child_process calls, calls without parentheses in some forms. */
final class ForeignNode implements ForeignLanguage {
    @Override
    public String name() {
        return "node";
    }

    @Override
    public boolean runs(String program) {
        return program.startsWith("node") || program.equals("deno") || program.equals("bun");
    }

    @Override
    public boolean codeOption(String t) {
        return t.equals("-e") || t.equals("--eval") || t.equals("-p") || t.equals("--print");
    }

    @Override
    public boolean optionTakesValue(String t) {
        return t.equals("-r") || t.equals("--require");
    }

    @Override
    public boolean callsWithoutParentheses() {
        return true;
    }
}
