package io.clituner.guardrails.internal.analysis;

/** Ids of findings the walker raises itself (their descriptions and examples live in the rule book). */
public final class Structural {
    private Structural() {}

    public static final String PARSE_ERROR = "parse.error";
    public static final String LIMIT = "analysis.limit";
    public static final String HOSTILE_CODE = "exec.hostile-code";
    public static final String DECODED_CODE = "exec.decoded-code";
    public static final String DYNAMIC_CODE = "exec.dynamic-code";
    public static final String LOCAL_CODE = "exec.local-code";
    public static final String DYNAMIC_COMMAND = "exec.dynamic-command";
    public static final String UNKNOWN_WRAPPER = "exec.unknown-wrapper";
    public static final String HOSTILE_COMMAND = "exec.hostile-command";
    public static final String FORK_BOMB = "forkbomb.self-spawn";
    public static final String SPAWN_LOOP = "forkbomb.spawn-loop";
    public static final String FOREIGN_REVERSE_SHELL = "revshell.interpreter";
    public static final String FOREIGN_FORK = "forkbomb.interpreter";
    public static final String FOREIGN_HOSTILE_EXEC = "exec.interpreter-hostile-code";
    public static final String FOREIGN_DYNAMIC = "exec.interpreter-dynamic-shell";
    public static final String HISTORY_VARS = "wipe.history-variables";
    public static final String DOWNLOAD_EXEC = "exec.downloaded-file";
    public static final String PROMPT_COMMAND = "persist.prompt-command";
    public static final String SCRATCH_PERSIST = "persist.scratch-program";
    public static final String SCRATCH_SCRIPT = "review.scratch-script";
    public static final String MODULE_LOAD = "kernel.untrusted-module";
}
