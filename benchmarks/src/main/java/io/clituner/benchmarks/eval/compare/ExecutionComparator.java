package io.clituner.benchmarks.eval.compare;

import io.clituner.benchmarks.eval.sandbox.Execution;
import io.clituner.benchmarks.eval.sandbox.PathState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Functional equivalence of two executions on the same fixture (the NL2SH-ALFA / InterCode-Bash
 * method): exit status, then the working tree (paths, types, modes, contents, link targets; not
 * times), then stdout, exactly or after normalisation (lines with runs of blanks collapsed and ends
 * trimmed, blank lines dropped, then sorted) since order and alignment rarely carry the meaning of a
 * request ("list the pdf files"). Where order is the point ("sorted by size, largest first"), the
 * task says so and the lines are compared in order.
 *
 * <p>Exit statuses must be equal: a prediction that fails with a usage error (2) where the reference
 * found nothing (1) did not do the same thing, even with the same empty output.
 */
public final class ExecutionComparator {
    private static final int MAX_DIFF_LINES = 12;

    public Comparison compare(Execution reference, Execution prediction) {
        return compare(reference, prediction, false);
    }

    /** @param orderMatters compare normalised output lines in order instead of sorted */
    public Comparison compare(Execution reference, Execution prediction, boolean orderMatters) {
        if (reference.timedOut()
                || prediction.timedOut()
                || reference.outputTruncated()
                || prediction.outputTruncated()) {
            return new Comparison(
                    Verdict.LIMIT_HIT,
                    List.of("limit hit: reference " + limits(reference) + ", prediction " + limits(prediction)));
        }
        if (reference.exitCode() != prediction.exitCode()) {
            return new Comparison(
                    Verdict.DIFFERENT_EXIT_STATUS,
                    List.of("exit status: reference " + reference.exitCode() + ", prediction " + prediction.exitCode()
                            + firstLine(prediction.stderr())));
        }
        List<String> treeDiff = treeDiff(reference, prediction);
        if (!treeDiff.isEmpty()) {
            return new Comparison(Verdict.DIFFERENT_TREE, treeDiff);
        }
        if (Arrays.equals(reference.stdout(), prediction.stdout())) {
            return new Comparison(Verdict.EQUIVALENT_EXACT, List.of());
        }
        List<String> a = normalised(reference.stdoutText(), orderMatters);
        List<String> b = normalised(prediction.stdoutText(), orderMatters);
        if (a.equals(b)) {
            return new Comparison(Verdict.EQUIVALENT_NORMALISED, List.of());
        }
        return new Comparison(Verdict.DIFFERENT_OUTPUT, outputDiff(a, b));
    }

    /** Lines trimmed, runs of spaces and tabs collapsed, blank lines dropped, sorted unless order matters. */
    public static List<String> normalised(String out, boolean orderMatters) {
        List<String> lines = new ArrayList<>();
        for (String l : out.split("\n", -1)) {
            String n = l.strip().replaceAll("[ \\t]+", " ");
            if (!n.isEmpty()) {
                lines.add(n);
            }
        }
        if (!orderMatters) {
            lines.sort(null);
        }
        return lines;
    }

    private static List<String> treeDiff(Execution ref, Execution pred) {
        List<String> diff = new ArrayList<>();
        Set<String> paths = new TreeSet<>(ref.tree().keySet());
        paths.addAll(pred.tree().keySet());
        for (String p : paths) {
            PathState r = ref.tree().get(p);
            PathState q = pred.tree().get(p);
            if (r == null) {
                // p came from one of the two trees: absent from the reference's, it is in the prediction's
                diff.add("+ " + p + " (" + Objects.requireNonNull(q).describe() + ") only after the prediction");
            } else if (q == null) {
                diff.add("- " + p + " (" + r.describe() + ") only after the reference");
            } else if (!r.sameAs(q)) {
                diff.add("~ " + p + ": reference " + r.describe() + "; prediction " + q.describe());
            }
            if (diff.size() == MAX_DIFF_LINES) {
                diff.add("…");
                break;
            }
        }
        return diff;
    }

    private static List<String> outputDiff(List<String> ref, List<String> pred) {
        List<String> diff = new ArrayList<>();
        TreeSet<String> onlyRef = new TreeSet<>(ref);
        pred.forEach(onlyRef::remove);
        TreeSet<String> onlyPred = new TreeSet<>(pred);
        ref.forEach(onlyPred::remove);
        for (String l : onlyRef) {
            if (diff.size() >= MAX_DIFF_LINES / 2) {
                diff.add("- …");
                break;
            }
            diff.add("- " + l);
        }
        int start = diff.size();
        for (String l : onlyPred) {
            if (diff.size() - start >= MAX_DIFF_LINES / 2) {
                diff.add("+ …");
                break;
            }
            diff.add("+ " + l);
        }
        if (diff.isEmpty()) {
            diff.add("same lines, different counts (reference " + ref.size() + " lines, prediction " + pred.size()
                    + ")");
        }
        return diff;
    }

    private static String limits(Execution e) {
        return e.timedOut() ? "timed out" : e.outputTruncated() ? "output cut off" : "within limits";
    }

    private static String firstLine(String stderr) {
        String l = stderr.strip().lines().findFirst().orElse("");
        return l.isEmpty() ? "" : " (" + (l.length() > 120 ? l.substring(0, 120) + "…" : l) + ")";
    }
}
