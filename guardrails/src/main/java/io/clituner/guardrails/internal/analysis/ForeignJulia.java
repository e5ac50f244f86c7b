package io.clituner.guardrails.internal.analysis;

/** Julia ({@code julia -e CODE}): {@code run(`…`)} and {@code connect} are read by {@link RuntimeEffects}. */
final class ForeignJulia implements ForeignLanguage {
    @Override
    public String name() {
        return "julia";
    }

    @Override
    public boolean runs(String program) {
        return program.equals("julia");
    }
}
