package io.clituner.guardrails;

import io.clituner.core.NormalizedRequest;
import io.clituner.core.RawModelOutput;
import io.clituner.core.SafetyLevel;
import io.clituner.core.analysis.OutputValidator;
import io.clituner.core.analysis.ValidatedCommand;
import io.clituner.core.analysis.Verdict;
import io.clituner.guardrails.extract.CommandExtractor;
import io.clituner.guardrails.policy.Policy;
import java.util.Objects;

/**
 * The default {@link OutputValidator}: extracts exactly one command from the model's text and
 * judges it with {@link BashCommandAnalyzer} at the request's safety level. Thread-safe.
 */
public final class GuardrailOutputValidator implements OutputValidator {
    private final BashCommandAnalyzer analyzer;
    private final CommandExtractor extractor;

    /** STRICT policy, commands of 3 to 200 characters. */
    public GuardrailOutputValidator() {
        this(new BashCommandAnalyzer());
    }

    public GuardrailOutputValidator(Policy policy) {
        this(new BashCommandAnalyzer(policy));
    }

    public GuardrailOutputValidator(BashCommandAnalyzer analyzer) {
        this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
        this.extractor = new CommandExtractor(
                analyzer.policy().minOutputLength(), analyzer.policy().maxOutputLength());
    }

    @Override
    public ValidatedCommand validate(RawModelOutput output, NormalizedRequest request) {
        Objects.requireNonNull(output, "output");
        String command = extractor.extract(output.text());
        SafetyLevel level = levelOf(request);
        Verdict verdict = analyzer.analyze(command, level);
        return new ValidatedCommand(command, verdict, analyzer.policyVersion());
    }

    private SafetyLevel levelOf(NormalizedRequest request) {
        return request == null ? analyzer.policy().level() : request.safetyLevel();
    }

    @Override
    public String policyVersion() {
        return analyzer.policyVersion();
    }
}
