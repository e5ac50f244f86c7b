package io.clituner.benchmarks.eval;

import io.clituner.benchmarks.eval.compare.Comparison;
import io.clituner.benchmarks.eval.compare.ExecutionComparator;
import io.clituner.benchmarks.eval.metrics.CommandShape;
import io.clituner.benchmarks.eval.report.ComparatorCalibration;
import io.clituner.benchmarks.eval.report.TaskExecution;
import io.clituner.benchmarks.eval.sandbox.Execution;
import io.clituner.benchmarks.eval.sandbox.Sandbox;
import io.clituner.benchmarks.eval.set.EvalSet;
import io.clituner.benchmarks.eval.set.EvalTask;
import io.clituner.benchmarks.eval.set.Fixture;
import io.clituner.core.CommandResponse;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The execution tier of one {@link Evaluator} run: every task's references and the prediction in the
 * sandbox, compared by {@link ExecutionComparator}, plus the comparator's own calibration pairs (the
 * other references of the same task, which must agree, and a reference of another task on the same
 * fixture, which must not).
 */
final class ExecutionTier {
    private static final int STDOUT_SHOWN = 600;

    private final EvalSet set;
    private final Sandbox sandbox;
    private final int threads;
    private final EvalProgress progress;
    private final Clock clock;
    private final ExecutionComparator comparator = new ExecutionComparator();

    ExecutionTier(EvalSet set, Sandbox sandbox, int threads, EvalProgress progress, Clock clock) {
        this.set = set;
        this.sandbox = sandbox;
        this.threads = threads;
        this.progress = progress;
        this.clock = clock;
    }

    /** One task's execution tier: the prediction's result and the comparator's calibration pairs. */
    record TaskOutcome(
            TaskExecution execution,
            List<Comparison> sameTask,
            @Nullable Comparison crossTask,
            @Nullable String crossPartner) {}

    /**
     * Runs the tasks several at a time (a sandbox mostly waits on namespace set-up); the answer to task
     * {@code i} is {@code answers.get(i)}. Element {@code i} of the result is null for a task without a fixture.
     */
    TaskOutcome[] run(List<@Nullable CommandResponse> answers) {
        List<EvalTask> tasks = set.tasks();
        TaskOutcome[] executed = new TaskOutcome[tasks.size()];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            AtomicInteger done = new AtomicInteger();
            for (int i = 0; i < tasks.size(); i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    executed[index] = execute(index, answers.get(index));
                    progress.update("execution", done.incrementAndGet(), tasks.size());
                }));
            }
            for (Future<?> f : futures) {
                await(f);
            }
        } finally {
            pool.shutdownNow();
        }
        return executed;
    }

    /** How far the comparator can be trusted: same-task references must agree, cross-task pairs must not (30 examples each). */
    static ComparatorCalibration calibration(List<EvalTask> tasks, TaskOutcome[] executed) {
        List<Comparison> sameTask = new ArrayList<>();
        List<String> sameTaskMisses = new ArrayList<>();
        List<Comparison> crossTask = new ArrayList<>();
        List<String> crossTaskHits = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            TaskOutcome o = executed[i];
            if (o == null) {
                continue;
            }
            for (int k = 0; k < o.sameTask().size(); k++) {
                Comparison c = o.sameTask().get(k);
                sameTask.add(c);
                if (!c.equivalent() && sameTaskMisses.size() < 30) {
                    sameTaskMisses.add(tasks.get(i).id() + " (reference " + (k + 2) + ": " + c.verdict() + ")");
                }
            }
            Comparison cross = o.crossTask();
            if (cross != null) {
                crossTask.add(cross);
                if (cross.equivalent() && crossTaskHits.size() < 30) {
                    crossTaskHits.add(tasks.get(i).id() + " vs " + o.crossPartner());
                }
            }
        }
        return new ComparatorCalibration(
                sameTask.size(),
                (int) sameTask.stream().filter(Comparison::equivalent).count(),
                crossTask.size(),
                (int) crossTask.stream().filter(Comparison::equivalent).count(),
                sameTaskMisses,
                crossTaskHits);
    }

    private @Nullable TaskOutcome execute(int i, @Nullable CommandResponse answer) {
        EvalTask task = set.tasks().get(i);
        String fixtureId = task.fixture();
        if (fixtureId == null) {
            return null;
        }
        Fixture fixture = set.fixture(fixtureId);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        List<Execution> refs = new ArrayList<>();
        for (String r : task.references()) {
            refs.add(sandbox.run(fixture, r, now));
        }
        TaskExecution exec = executePrediction(task, fixture, answer, refs, now);
        List<Comparison> same = new ArrayList<>();
        for (int k = 1; k < refs.size(); k++) {
            same.add(comparator.compare(refs.get(0), refs.get(k), task.orderMatters()));
        }
        EvalTask other = crossPartner(i);
        if (other == null) {
            return new TaskOutcome(exec, same, null, null);
        }
        Execution e = sandbox.run(fixture, other.references().get(0), now);
        return new TaskOutcome(exec, same, comparator.compare(refs.get(0), e, task.orderMatters()), other.id());
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliTunerException(ErrorCode.CONFIGURATION, "interrupted during the execution tier", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CliTunerException c) {
                throw c;
            }
            throw new CliTunerException(
                    ErrorCode.CONFIGURATION, "the execution tier failed: " + e.getCause(), e.getCause());
        }
    }

    private TaskExecution executePrediction(
            EvalTask task, Fixture fixture, @Nullable CommandResponse answer, List<Execution> refs, Instant now) {
        Execution ref0 = refs.get(0);
        if (answer == null) {
            // unanswered (or blocked: DANGEROUS commands are never executed)
            return new TaskExecution("NOT_RUN", null, ref0.exitCode(), null, head(ref0.stdoutText()), null, List.of());
        }
        Execution pred = sandbox.run(fixture, answer.command(), now);
        Integer matched = null;
        Comparison first = null;
        Comparison best = null;
        for (int k = 0; k < refs.size(); k++) {
            Comparison c = comparator.compare(refs.get(k), pred, task.orderMatters());
            if (k == 0) {
                first = c;
            }
            if (c.equivalent()) {
                matched = k;
                best = c;
                break;
            }
        }
        Comparison shown = best != null ? best : Objects.requireNonNull(first);
        return new TaskExecution(
                shown.verdict().name(),
                matched,
                ref0.exitCode(),
                pred.exitCode(),
                head(ref0.stdoutText()),
                head(pred.stdoutText()),
                shown.diff());
    }

    /**
     * For the cross-task check: the next task (cyclically) on the same fixture whose reference starts
     * with another utility, so that the pair is meant to differ.
     */
    private @Nullable EvalTask crossPartner(int i) {
        List<EvalTask> tasks = set.tasks();
        EvalTask task = tasks.get(i);
        String utility = CommandShape.of(task.references().get(0)).firstUtility();
        for (int step = 1; step < tasks.size(); step++) {
            EvalTask o = tasks.get((i + step) % tasks.size());
            if (Objects.equals(o.fixture(), task.fixture())
                    && !Objects.equals(
                            utility, CommandShape.of(o.references().get(0)).firstUtility())) {
                return o;
            }
        }
        return null;
    }

    private static String head(String s) {
        return s.length() <= STDOUT_SHOWN ? s : s.substring(0, STDOUT_SHOWN) + "…";
    }
}
