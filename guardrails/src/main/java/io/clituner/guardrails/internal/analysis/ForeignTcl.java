package io.clituner.guardrails.internal.analysis;

/** Tcl ({@code tclsh}, {@code wish}, {@code expect}): exec; the interface's defaults describe it. */
final class ForeignTcl implements ForeignLanguage {
    @Override
    public String name() {
        return "tcl";
    }

    @Override
    public boolean runs(String program) {
        return program.equals("tclsh") || program.equals("wish") || program.equals("expect");
    }
}
