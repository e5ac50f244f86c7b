package io.clituner.guardrails.internal.analysis;

/** Any other interpreter the analyzer knows to run code ({@link Programs#INTERPRETERS}): the generic reading. */
final class ForeignOther implements ForeignLanguage {
    @Override
    public String name() {
        return "other";
    }

    @Override
    public boolean runs(String program) {
        return true;
    }
}
