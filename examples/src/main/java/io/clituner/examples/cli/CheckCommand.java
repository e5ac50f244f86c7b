package io.clituner.examples.cli;

import io.clituner.core.analysis.Finding;
import io.clituner.core.analysis.Verdict;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.guardrails.BashCommandAnalyzer;
import io.clituner.guardrails.policy.PolicyLoader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
 * {@code clituner check [--policy strict|moderate|FILE] [--json] [--file F]}: judges commands read
 * one per line (stdin by default) and prints one verdict per line. Never executes anything.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Judge bash commands (one per line, stdin by default) with the guardrail; never executes them.")
public final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--policy", defaultValue = "strict", paramLabel = "strict|moderate|FILE",
            description = "built-in policy or a JSON/YAML policy file (default: ${DEFAULT-VALUE})")
    String policy;

    @Option(names = "--json", description = "one JSON object per line: {\"command\":…,\"risk\":…,\"rules\":[…]}")
    boolean json;

    @Option(names = "--file", paramLabel = "F", description = "read commands from this file instead of stdin")
    Path file;

    @Override
    public Integer call() throws IOException {
        BashCommandAnalyzer analyzer = new BashCommandAnalyzer(PolicyLoader.load(policy));
        PrintWriter out = spec.commandLine().getOut();
        try (BufferedReader in = open()) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                Verdict v = analyzer.analyze(line);
                if (json) {
                    out.println(Json.write(row(line, v)));
                } else {
                    out.println(v.risk() + "\t" + String.join(",", v.ruleIds()) + "\t" + line);
                }
            }
        }
        out.flush();
        return 0;
    }

    private BufferedReader open() throws IOException {
        if (file == null) {
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        }
        if (!Files.isRegularFile(file)) {
            throw new CliTunerException(ErrorCode.INVALID_REQUEST, "no such file: " + file);
        }
        return Files.newBufferedReader(file, StandardCharsets.UTF_8);
    }

    static Map<String, Object> row(String command, Verdict v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", command);
        m.put("risk", v.risk().name());
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Finding f : v.findings()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", f.ruleId());
            r.put("risk", f.risk().name());
            r.put("reason", f.reason());
            r.put("start", f.start());
            r.put("end", f.end());
            rules.add(r);
        }
        m.put("rules", rules);
        return m;
    }
}
