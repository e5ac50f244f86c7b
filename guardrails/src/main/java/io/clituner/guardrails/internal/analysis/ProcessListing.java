package io.clituner.guardrails.internal.analysis;

import java.util.List;
import java.util.Set;

/**
 * A pipeline that prints the PID of every process: {@code ps} listing all of them ({@code -e}, {@code -A}, {@code aux})
 * followed only by stages that pick a column ({@code awk '{print $2}'}, {@code cut}, {@code tail -n +2}). A kill fed by
 * it signals every process; any selecting stage (grep, an awk condition, head) makes it a kill of some.
 */
public final class ProcessListing {
    private ProcessListing() {}

    private static final Set<String> COLUMN_STAGES = Set.of("cut", "tr", "sort", "uniq", "xargs", "cat");

    /** Whether these pipeline stages, in order, print every PID on the machine. */
    public static boolean everyPid(List<Invocation> stages) {
        boolean all = false;
        for (Invocation up : stages) {
            String n = up.name();
            if (n.equals("ps")) {
                all = listsAll(up);
            } else if (!COLUMN_STAGES.contains(n) && !printsColumn(up) && !skipsHeader(up)) {
                all = false; // a selecting stage: grep, an awk condition, head
            }
        }
        return all;
    }

    private static boolean listsAll(Invocation ps) {
        boolean every =
                ps.args().stream().anyMatch(a -> a.text().matches("-[a-zA-Z]*[eA][a-zA-Z]*|a?ux[a-zA-Z]*|ax[a-zA-Z]*"));
        return every
                && !ps.hasOption('p', "--pid", "--ppid")
                && !ps.hasOption('C')
                && !ps.hasOption('u', "--user")
                && !ps.hasOption('s', "--sid")
                && !ps.hasOption('t', "--tty")
                && !ps.hasOption('U', "--User");
    }

    private static boolean printsColumn(Invocation inv) {
        return Programs.AWKS.contains(inv.name())
                && inv.operands().size() == 1
                && inv.operands().get(0).text().matches("\\s*\\{\\s*print \\$[0-9]+;?\\s*}\\s*");
    }

    private static boolean skipsHeader(Invocation inv) {
        return inv.name().equals("tail")
                && inv.args().stream().anyMatch(a -> a.text().matches("\\+[12]|-n\\+?[12]|-n"))
                && inv.args().stream().allMatch(a -> a.text().matches("\\+[12]|-n\\+?[12]|-n"));
    }
}
