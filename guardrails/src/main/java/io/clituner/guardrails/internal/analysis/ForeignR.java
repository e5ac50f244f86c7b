package io.clituner.guardrails.internal.analysis;

/** R ({@code Rscript -e CODE}, {@code R -e CODE}): {@code system()} and socket connections. */
final class ForeignR implements ForeignLanguage {
    @Override
    public String name() {
        return "r";
    }

    @Override
    public boolean runs(String program) {
        return program.equals("Rscript") || program.equals("R");
    }
}
