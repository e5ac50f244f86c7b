package io.clituner.benchmarks.eval.sandbox;

/**
 * Whether commands can be executed, and if not why: the execution tier is then reported as skipped,
 * never as passed.
 *
 * @param available the probe command ran and behaved
 * @param detail    the sandbox's description (tool, version, mode) or why it is unavailable
 */
public record SandboxStatus(boolean available, String detail) {}
