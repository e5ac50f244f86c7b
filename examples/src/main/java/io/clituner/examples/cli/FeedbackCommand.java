package io.clituner.examples.cli;

import io.clituner.core.RiskLevel;
import io.clituner.guardrails.BashCommandAnalyzer;
import io.clituner.guardrails.PolicyLoader;
import io.clituner.guardrails.feedback.FeedbackEntry;
import io.clituner.guardrails.feedback.FeedbackKind;
import io.clituner.guardrails.feedback.FeedbackLog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code clituner feedback --false-positive|--false-negative COMMAND [--note TEXT]} appends a report
 * to the guardrail's feedback log ({@link FeedbackLog}, which re-judges the command so the log holds
 * the verdict actually given); {@code clituner feedback summary} aggregates the reports by rule for
 * the weekly rule review.
 */
@Command(
        name = "feedback",
        mixinStandardHelpOptions = true,
        description = {
            "Report a guardrail verdict that was wrong (the command is judged again, never executed),",
            "or summarize the reports by rule with `feedback summary`."
        },
        subcommands = FeedbackCommand.Summary.class)
public final class FeedbackCommand implements Callable<Integer> {
    static final String DEFAULT_LOG = "./.clituner/feedback.jsonl";

    @Spec
    CommandSpec spec;

    // Not required at parse time, so that `feedback summary` does not need them; checked in call().
    @ArgGroup(multiplicity = "0..1")
    @Nullable
    Kind kind;

    static final class Kind {
        @Option(names = "--false-positive", required = true, description = "blocked or flagged, but harmless")
        boolean falsePositive;

        @Option(names = "--false-negative", required = true, description = "let through, but harmful")
        boolean falseNegative;
    }

    @Parameters(arity = "0..*", paramLabel = "COMMAND", description = "the bash command (words are joined with spaces)")
    List<String> words;

    @Option(names = "--note", description = "why the verdict is wrong")
    String note;

    @Option(
            names = "--expected",
            description = "the right verdict (default: SAFE for a false positive, DANGEROUS for a false negative)")
    RiskLevel expected;

    @Option(names = "--reporter", description = "who reports (default: $USER)")
    String reporter = System.getenv().getOrDefault("USER", "unknown");

    @Option(
            names = "--policy",
            defaultValue = "strict",
            paramLabel = "strict|moderate|FILE",
            description = "policy to judge with (default: ${DEFAULT-VALUE})")
    String policy;

    @Option(
            names = "--log",
            defaultValue = DEFAULT_LOG,
            paramLabel = "FILE",
            description = "feedback log (default: ${DEFAULT-VALUE})")
    Path log;

    @Option(names = "--json", description = "print the recorded entry as JSON")
    boolean json;

    @Override
    public Integer call() {
        if (kind == null || words == null || words.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(),
                    "give --false-positive or --false-negative and the COMMAND (or use `feedback summary`)");
        }
        RiskLevel want = expected != null ? expected : kind.falsePositive ? RiskLevel.SAFE : RiskLevel.DANGEROUS;
        FeedbackLog feedback = new FeedbackLog(log, new BashCommandAnalyzer(PolicyLoader.load(policy)));
        FeedbackEntry e = feedback.report(String.join(" ", words), want, reporter, note);
        boolean matches = (e.kind() == FeedbackKind.FALSE_POSITIVE) == kind.falsePositive;
        if (!matches) {
            spec.commandLine()
                    .getErr()
                    .println("note: recorded as " + e.kind() + " (the command is judged " + e.given() + ", expected "
                            + want + ")");
        }
        spec.commandLine()
                .getOut()
                .println(
                        json
                                ? Json.write(e)
                                : "recorded " + e.kind() + ": judged " + e.given() + " " + e.rules() + ", expected "
                                        + e.expected() + "  (" + log + ")");
        return 0;
    }

    @Command(
            name = "summary",
            mixinStandardHelpOptions = true,
            description =
                    "Reports per rule over the last --days (default 7): false positives, false negatives, examples.")
    static final class Summary implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(
                names = "--log",
                defaultValue = DEFAULT_LOG,
                paramLabel = "FILE",
                description = "feedback log (default: ${DEFAULT-VALUE})")
        Path log;

        @Option(
                names = "--days",
                defaultValue = "7",
                description = "how far back (default: ${DEFAULT-VALUE}); 0 = everything")
        int days;

        @Option(names = "--json", description = "print JSON")
        boolean json;

        @Override
        public Integer call() {
            if (days < 0) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--days must be 0 or more");
            }
            Instant since = days == 0 ? Instant.MIN : Instant.now().minus(Duration.ofDays(days));
            List<FeedbackEntry> entries = new FeedbackLog(log, new BashCommandAnalyzer(PolicyLoader.load("strict")))
                    .entries().stream().filter(e -> !e.at().isBefore(since)).toList();
            Map<String, RuleTally> byRule = new TreeMap<>();
            for (FeedbackEntry e : entries) {
                for (String rule : e.rules().isEmpty() ? List.of("(no rule)") : e.rules()) {
                    byRule.computeIfAbsent(rule, RuleTally::new).add(e);
                }
            }
            List<RuleTally> rows = new ArrayList<>(byRule.values());
            rows.sort((a, b) ->
                    Integer.compare(b.falsePositives + b.falseNegatives, a.falsePositives + a.falseNegatives));
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("reports", entries.size());
                doc.put("days", days);
                doc.put("rules", rows.stream().map(RuleTally::toMap).toList());
                spec.commandLine().getOut().println(Json.write(doc));
            } else {
                var out = spec.commandLine().getOut();
                out.println(entries.size() + " report(s)" + (days == 0 ? "" : " in the last " + days + " day(s)")
                        + " from " + log);
                out.printf("%-40s %6s %6s  %s%n", "rule", "FP", "FN", "examples");
                for (RuleTally t : rows) {
                    out.printf(
                            "%-40s %6d %6d  %s%n",
                            t.rule, t.falsePositives, t.falseNegatives, String.join(" | ", t.examples));
                }
            }
            return 0;
        }
    }

    /** Reports about one rule. */
    static final class RuleTally {
        final String rule;
        int falsePositives;
        int falseNegatives;
        final List<String> examples = new ArrayList<>();

        RuleTally(String rule) {
            this.rule = rule;
        }

        void add(FeedbackEntry e) {
            if (e.kind() == FeedbackKind.FALSE_POSITIVE) {
                falsePositives++;
            } else {
                falseNegatives++;
            }
            if (examples.size() < 3 && !examples.contains(e.command())) {
                examples.add(e.command());
            }
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rule", rule);
            m.put("falsePositives", falsePositives);
            m.put("falseNegatives", falseNegatives);
            m.put("examples", examples);
            return m;
        }
    }
}
