package io.clituner.examples.cli;

import java.util.Objects;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/**
 * The {@code clituner} command-line app. Exit codes, for every command: 0 done, 1 the answer is
 * "no" (blocked, dangerous, denied, rejected, damaged, drift found), 2 usage or bad input, 3 an
 * internal error.
 */
@Command(
        name = "clituner",
        mixinStandardHelpOptions = true,
        version = "clituner 0.1.0",
        description = "Natural language to validated bash commands, in-process. Never executes anything.",
        footer = {
            "",
            "Exit codes: 0 done, 1 blocked / dangerous / denied / rejected / damaged / drift found, 2 usage or bad input, 3 internal error.",
            "Shell completion: source <(clituner generate-completion)"
        },
        subcommands = {
            TranslateCommand.class,
            CheckCommand.class,
            BenchSafetyCommand.class,
            DriftCommand.class,
            RegistryCommand.class,
            ProvenanceCommand.class,
            AuditCommand.class,
            EvalCommand.class,
            FeedbackCommand.class,
            HelpCommand.class,
            AutoComplete.GenerateCompletion.class,
        })
public final class CliTunerApp {
    public static void main(String[] args) {
        // Hibernate Validator logs through jboss-logging, which otherwise falls back to JUL and prints
        // its version banner on stderr; route it to SLF4J, whose configuration keeps the CLI quiet.
        if (System.getProperty("org.jboss.logging.provider") == null) {
            System.setProperty("org.jboss.logging.provider", "slf4j");
        }
        // The CLI owns its process: it opts in to the library's host-wide DJL defaults (offline, a stable cache).
        io.clituner.inference.djl.DjlRuntime.applyHostDefaults();
        int code = commandLine().execute(args);
        // Exit with the command's code; the JVM would also end by itself (no native thread keeps it alive).
        System.exit(code);
    }

    /** The configured command line: typed errors to exit codes, numbers that must be finite, completion hidden from the list. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new CliTunerApp())
                .setExecutionExceptionHandler(new ErrorHandler())
                .setCaseInsensitiveEnumValuesAllowed(true);
        cli.registerConverter(Double.class, CliTunerApp::finiteDouble);
        cli.registerConverter(double.class, CliTunerApp::finiteDouble);
        subcommand(cli, "generate-completion").getCommandSpec().usageMessage().hidden(false);
        // `clituner feedback --false-positive rm -rf ./build`: the reported command's own options are words of it
        subcommand(cli, "feedback").setUnmatchedOptionsArePositionalParams(true);
        return cli;
    }

    private static CommandLine subcommand(CommandLine cli, String name) {
        return Objects.requireNonNull(
                cli.getSubcommands().get(name), () -> "no subcommand " + name + " in the @Command list");
    }

    /** A number option never takes NaN or Infinity: such a threshold passes or fails every comparison silently. */
    static Double finiteDouble(String text) {
        double d;
        try {
            d = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a number");
        }
        if (!Double.isFinite(d)) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a finite number");
        }
        return d;
    }
}
