package io.clituner.inference.remote.guardrail;

import io.clituner.core.analysis.Verdict;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;

/**
 * Why {@link ShellCommandGuardrail} stopped a LangChain4j response: the command, where it came from
 * (the text, or a tool call's argument) and the analyzer's verdict. The cause of the
 * {@code OutputGuardrailException} an AI service throws.
 */
public final class UnsafeCommandException extends CliTunerException {
    private static final long serialVersionUID = 1L;

    private final String command;
    private final String source;
    private final transient Verdict verdict;

    public UnsafeCommandException(String command, String source, Verdict verdict) {
        super(
                ErrorCode.COMMAND_BLOCKED,
                verdict.risk() + " command from " + source + " (rules " + verdict.ruleIds() + "): " + command);
        this.command = command;
        this.source = source;
        this.verdict = verdict;
    }

    public String command() {
        return command;
    }

    /** {@code text} or {@code tool NAME argument KEY}. */
    public String source() {
        return source;
    }

    public Verdict verdict() {
        return verdict;
    }
}
