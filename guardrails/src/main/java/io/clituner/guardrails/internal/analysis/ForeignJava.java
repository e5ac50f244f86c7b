package io.clituner.guardrails.internal.analysis;

/** JVM scripting ({@code jrunscript -e}, {@code jshell}, {@code groovy -e}, {@code scala -e}, {@code kotlin}): {@code Runtime.exec}, {@code ProcessBuilder} and sockets are read by {@link RuntimeEffects}. */
final class ForeignJava implements ForeignLanguage {
    @Override
    public String name() {
        return "java";
    }

    @Override
    public boolean runs(String program) {
        return program.equals("jrunscript")
                || program.equals("jshell")
                || program.equals("groovy")
                || program.equals("scala")
                || program.equals("kotlin");
    }
}
