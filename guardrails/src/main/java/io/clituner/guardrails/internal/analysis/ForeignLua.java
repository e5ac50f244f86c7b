package io.clituner.guardrails.internal.analysis;

/** Lua ({@code lua -e CODE}): os.execute, io.popen; the interface's defaults describe it. */
final class ForeignLua implements ForeignLanguage {
    @Override
    public String name() {
        return "lua";
    }

    @Override
    public boolean runs(String program) {
        return program.startsWith("lua");
    }
}
