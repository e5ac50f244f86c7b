package io.clituner.examples.cli;

import io.clituner.core.RiskLevel;
import io.clituner.core.analysis.Finding;
import io.clituner.core.analysis.Verdict;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.guardrails.BashCommandAnalyzer;
import io.clituner.guardrails.PolicyLoader;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
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
 * {@code clituner check [--policy strict|moderate|FILE] [--json] [--file F] [--fail-on dangerous|review]}:
 * judges commands read one per line (stdin by default), prints one verdict per line, and exits 1
 * when a line reaches the {@code --fail-on} level, so it can gate CI jobs and pre-commit hooks.
 * Each line is decoded on its own: a line that is not valid UTF-8 gets its own DANGEROUS verdict
 * (it cannot be judged, so it is not let through) and the lines around it are judged as usual.
 * Never executes anything.
 */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Judge bash commands (one per line, stdin by default) with the guardrail; never executes them.",
        footer = {
            "",
            "Exit codes: 0 no line reached --fail-on, 1 at least one line is DANGEROUS (or REVIEW with --fail-on review),",
            "2 bad input (missing file, bad policy, bad option)."
        })
public final class CheckCommand implements Callable<Integer> {
    /** Rule id of the verdict given to a line that is not valid UTF-8. */
    static final String INVALID_ENCODING_RULE = "input.invalid-utf8";

    /** The level at which {@code check} fails. */
    enum FailOn {
        DANGEROUS,
        REVIEW;

        boolean reachedBy(RiskLevel r) {
            return r == RiskLevel.DANGEROUS || (this == REVIEW && r == RiskLevel.REVIEW);
        }
    }

    @Spec
    CommandSpec spec;

    @Option(
            names = "--policy",
            defaultValue = "strict",
            paramLabel = "strict|moderate|FILE",
            description = "built-in policy or a JSON/YAML policy file (default: ${DEFAULT-VALUE})")
    String policy;

    @Option(names = "--json", description = "one JSON object per line: {\"command\":…,\"risk\":…,\"rules\":[…]}")
    boolean json;

    @Option(names = "--file", paramLabel = "F", description = "read commands from this file instead of stdin")
    Path file;

    @Option(
            names = "--fail-on",
            defaultValue = "dangerous",
            paramLabel = "dangerous|review",
            description = "exit 1 when any line is at least this risky (default: ${DEFAULT-VALUE})")
    FailOn failOn;

    @Override
    public Integer call() throws IOException {
        BashCommandAnalyzer analyzer = new BashCommandAnalyzer(PolicyLoader.load(policy));
        PrintWriter out = spec.commandLine().getOut();
        boolean failed = false;
        try (InputStream in = open()) {
            CharsetDecoder utf8 = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            int b;
            boolean pending = false;
            while (true) {
                b = in.read();
                if (b == '\n' || b == -1) {
                    if (b == -1 && !pending) {
                        break;
                    }
                    failed |= judge(analyzer, utf8, line.toByteArray(), out);
                    line.reset();
                    pending = false;
                    if (b == -1) {
                        break;
                    }
                } else {
                    line.write(b);
                    pending = true;
                }
            }
        }
        out.flush();
        return failed ? ErrorHandler.REFUSED : 0;
    }

    /** Judges one line; returns whether it reaches the --fail-on level. */
    private boolean judge(BashCommandAnalyzer analyzer, CharsetDecoder utf8, byte[] bytes, PrintWriter out) {
        int len = bytes.length;
        if (len > 0 && bytes[len - 1] == '\r') {
            len--;
        }
        String text;
        Verdict v;
        try {
            text = utf8.decode(ByteBuffer.wrap(bytes, 0, len)).toString();
            if (text.isBlank()) {
                return false;
            }
            v = analyzer.analyze(text);
        } catch (CharacterCodingException e) {
            text = escaped(bytes, len);
            v = new Verdict(
                    RiskLevel.DANGEROUS,
                    List.of(new Finding(
                            INVALID_ENCODING_RULE,
                            RiskLevel.DANGEROUS,
                            "the line is not valid UTF-8 and cannot be judged; not letting it through",
                            0,
                            text.length())));
        }
        if (json) {
            out.println(Json.write(row(text, v)));
        } else {
            out.println(v.risk() + "\t" + String.join(",", v.ruleIds()) + "\t" + text);
        }
        return failOn.reachedBy(v.risk());
    }

    /** The line with every byte that is not printable ASCII written as \xNN, so it shows what was read. */
    static String escaped(byte[] bytes, int len) {
        StringBuilder sb = new StringBuilder(len + 16);
        for (int i = 0; i < len; i++) {
            int c = bytes[i] & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '\\') {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.toString();
    }

    private InputStream open() throws IOException {
        if (file == null) {
            return new BufferedInputStream(System.in);
        }
        if (!Files.isRegularFile(file)) {
            throw new CliTunerException(ErrorCode.INVALID_REQUEST, "no such file: " + file);
        }
        return new BufferedInputStream(Files.newInputStream(file), 1 << 16);
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
