package io.clituner.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code clituner} command-line app. Ends with an explicit {@code System.exit}: after a GGUF
 * model has been loaded, a native thread of llama.cpp keeps the JVM alive otherwise.
 */
@Command(name = "clituner", mixinStandardHelpOptions = true, version = "clituner 0.1.0",
        description = "Natural language to validated bash commands, in-process. Never executes anything.",
        subcommands = {
                TranslateCommand.class,
                CheckCommand.class,
                BenchSafetyCommand.class,
                DriftCommand.class,
                RegistryCommand.class,
                ProvenanceCommand.class,
                AuditCommand.class,
                EvalCommand.class,
        })
public final class CliTunerApp {
    public static void main(String[] args) {
        // Hibernate Validator logs through jboss-logging, which otherwise falls back to JUL and prints
        // its version banner on stderr; route it to SLF4J, whose configuration keeps the CLI quiet.
        if (System.getProperty("org.jboss.logging.provider") == null) {
            System.setProperty("org.jboss.logging.provider", "slf4j");
        }
        int code = new CommandLine(new CliTunerApp())
                .setExecutionExceptionHandler(new ErrorHandler())
                .execute(args);
        System.exit(code);
    }
}
