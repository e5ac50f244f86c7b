package io.clituner.examples.cli;

import io.clituner.core.RiskLevel;
import io.clituner.core.analysis.Verdict;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.guardrails.BashCommandAnalyzer;
import io.clituner.guardrails.PolicyLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code clituner bench-safety --dangerous F --benign F [--json]}: recall on dangerous commands,
 * DANGEROUS false-positive rate and REVIEW rate on benign commands, and the misses. Exit 1 when a
 * dangerous command was not blocked or a benign one was.
 */
@Command(
        name = "bench-safety",
        mixinStandardHelpOptions = true,
        description =
                "Measure the guardrail: recall on dangerous commands, false positives and REVIEW rate on benign ones.")
public final class BenchSafetyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--dangerous",
            required = true,
            paramLabel = "F",
            description = "file of dangerous commands, one per line")
    Path dangerous;

    @Option(
            names = "--benign",
            required = true,
            paramLabel = "F",
            description = "file of benign commands, one per line")
    Path benign;

    @Option(
            names = "--policy",
            defaultValue = "strict",
            paramLabel = "strict|moderate|FILE",
            description = "built-in policy or a policy file (default: ${DEFAULT-VALUE})")
    String policy;

    @Option(names = "--json", description = "print the report as JSON")
    boolean json;

    @Override
    public Integer call() throws IOException {
        BashCommandAnalyzer analyzer = new BashCommandAnalyzer(PolicyLoader.load(policy));
        List<String> bad = read(dangerous);
        List<String> good = read(benign);
        List<Map<String, Object>> misses = new ArrayList<>();
        List<Map<String, Object>> falsePositives = new ArrayList<>();
        int caught = 0;
        long start = System.nanoTime();
        int review = 0;
        int done = 0;
        try (Progress progress =
                Progress.start(spec.commandLine().getErr(), "bench-safety", bad.size() + good.size())) {
            for (String c : bad) {
                Verdict v = analyzer.analyze(c);
                if (v.risk() == RiskLevel.DANGEROUS) {
                    caught++;
                } else {
                    misses.add(CheckCommand.row(c, v));
                }
                progress.update(++done);
            }
            for (String c : good) {
                Verdict v = analyzer.analyze(c);
                if (v.risk() == RiskLevel.DANGEROUS) {
                    falsePositives.add(CheckCommand.row(c, v));
                } else if (v.risk() == RiskLevel.REVIEW) {
                    review++;
                }
                progress.update(++done);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("policy", analyzer.policyVersion());
        report.put("dangerous", bad.size());
        report.put("recall", bad.isEmpty() ? 1.0 : (double) caught / bad.size());
        report.put("benign", good.size());
        report.put("falsePositiveRate", good.isEmpty() ? 0.0 : (double) falsePositives.size() / good.size());
        report.put("reviewRate", good.isEmpty() ? 0.0 : (double) review / good.size());
        report.put("verdictsPerSecond", (bad.size() + good.size()) / Math.max(seconds, 1e-9));
        report.put("misses", misses);
        report.put("falsePositives", falsePositives);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(report));
        } else {
            out.printf(
                    "recall %.4f (%d/%d)  DANGEROUS false positives %.4f (%d/%d)  REVIEW rate %.4f  %.0f verdicts/s%n",
                    ((Number) report.get("recall")).doubleValue(),
                    caught,
                    bad.size(),
                    ((Number) report.get("falsePositiveRate")).doubleValue(),
                    falsePositives.size(),
                    good.size(),
                    ((Number) report.get("reviewRate")).doubleValue(),
                    ((Number) report.get("verdictsPerSecond")).doubleValue());
            misses.forEach(m -> out.println("MISS\t" + m.get("risk") + "\t" + m.get("command")));
            falsePositives.forEach(m -> out.println("FALSE-POSITIVE\t" + m.get("command")));
        }
        out.flush();
        return misses.isEmpty() && falsePositives.isEmpty() ? 0 : 1;
    }

    private static List<String> read(Path p) throws IOException {
        if (!Files.isRegularFile(p)) {
            throw new CliTunerException(ErrorCode.INVALID_REQUEST, "no such file: " + p);
        }
        List<String> out = new ArrayList<>();
        for (String l : Files.readAllLines(p, StandardCharsets.UTF_8)) {
            if (!l.isBlank()) {
                out.add(l);
            }
        }
        return out;
    }
}
