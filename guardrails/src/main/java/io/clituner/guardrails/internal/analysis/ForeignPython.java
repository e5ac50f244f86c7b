package io.clituner.guardrails.internal.analysis;

/** Python ({@code python3 -c CODE}, {@code pypy}): exec() runs Python, not a shell; os.* argv calls start programs. */
final class ForeignPython implements ForeignLanguage {
    @Override
    public String name() {
        return "python";
    }

    @Override
    public boolean runs(String program) {
        return program.startsWith("python") || program.startsWith("pypy");
    }

    @Override
    public boolean codeOption(String t) {
        return t.equals("-c") || (t.startsWith("-") && !t.startsWith("--") && t.endsWith("c") && t.length() <= 4);
    }

    @Override
    public int attachedCodeOption(String word) {
        return word.indexOf('c');
    }

    @Override
    public boolean optionTakesValue(String t) {
        return t.equals("-W") || t.equals("-X");
    }

    @Override
    public boolean endsWithoutCode(String t) {
        return t.startsWith("-m") || t.equals("--version") || t.equals("-V") || t.equals("--help") || t.equals("-v");
    }

    @Override
    public boolean backticksRunShell() {
        return false;
    }

    @Override
    public boolean argvCall(String callee) {
        return callee.startsWith("os.");
    }

    @Override
    public boolean execRunsShell() {
        return false;
    }

    @Override
    public boolean literalsAreArgv() {
        return false;
    }
}
