package io.clituner.guardrails.internal.analysis;

import java.util.List;

/** What walking one command produced: the invocations it started, in order, and what it prints. */
record Stage(List<Invocation> invocations, Producers.Output output) {}
