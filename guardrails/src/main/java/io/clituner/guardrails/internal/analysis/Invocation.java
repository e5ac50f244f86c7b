package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Arg;
import io.clituner.guardrails.internal.expand.BashNames;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One program run as bash would start it: canonical argv after expansion and unwrapping, its
 * redirections, what it reads on stdin and where in the source it came from. Rules judge these.
 *
 * @param speculative the program name was not known; this is one candidate the analyzer tries
 * @param treeRoot    non-null when operands stand for every file under this tree ({@code find ROOT -exec}, {@code xargs} after find)
 */
public record Invocation(
        List<Arg> argv,
        List<Redir> redirects,
        Stdin stdin,
        int start,
        int end,
        boolean speculative,
        @Nullable String treeRoot,
        int depth) {

    /** Operands stand for files under {@link #treeRoot()} (find -exec, xargs after find). */
    public boolean treeWalk() {
        return treeRoot != null;
    }

    /** The tree's root path (without the filter marker). */
    public @Nullable String treePath() {
        return treeRoot == null ? null : treeRoot.startsWith("?") ? treeRoot.substring(1) : treeRoot;
    }

    /** The walk only visits files matching tests (-name, -mtime…), not the whole tree. */
    public boolean treeFiltered() {
        return treeRoot != null && treeRoot.startsWith("?");
    }

    /** Basename of argv[0] when it is known exactly, else "" (or the pattern's text for display). */
    public String name() {
        if (argv.isEmpty()) {
            return "";
        }
        Arg a = argv.get(0);
        return a.resolved() ? BashNames.basename(a.text()) : "";
    }

    public int size() {
        return argv.size();
    }

    public Arg arg(int i) {
        return argv.get(i);
    }

    public List<Arg> args() {
        return argv.isEmpty() ? List.of() : argv.subList(1, argv.size());
    }

    /**
     * Whether a short option letter (in any cluster like {@code -rf}) or one of the long options is present
     * before {@code --}.
     */
    public boolean hasOption(char shortOpt, String... longOpts) {
        for (int i = 1; i < argv.size(); i++) {
            String t = argv.get(i).text();
            if (t.equals("--")) {
                return false;
            }
            if (t.startsWith("--")) {
                for (String l : longOpts) {
                    if (t.equals(l) || t.startsWith(l + "=")) {
                        return true;
                    }
                }
            } else if (shortOpt != 0 && t.length() > 1 && t.charAt(0) == '-' && t.indexOf(shortOpt) > 0) {
                return true;
            }
        }
        return false;
    }

    /** Exact-word presence anywhere in the arguments. */
    public boolean hasArg(String word) {
        for (int i = 1; i < argv.size(); i++) {
            if (argv.get(i).is(word)) {
                return true;
            }
        }
        return false;
    }

    /** Arguments that are not options (everything after {@code --}, and words not starting with '-'). */
    public List<Arg> operands() {
        List<Arg> out = new ArrayList<>();
        boolean endOpts = false;
        for (int i = 1; i < argv.size(); i++) {
            Arg a = argv.get(i);
            if (!endOpts && a.is("--")) {
                endOpts = true;
                continue;
            }
            if (endOpts || !a.text().startsWith("-") || a.text().equals("-")) {
                out.add(a);
            }
        }
        return out;
    }

    /** The value of {@code --long=V}, {@code --long V}, {@code -sV} or {@code -s V}; null when absent. */
    public @Nullable Arg optionValue(char shortOpt, @Nullable String longOpt) {
        for (int i = 1; i < argv.size(); i++) {
            String t = argv.get(i).text();
            if (t.equals("--")) {
                return null;
            }
            if (longOpt != null && t.startsWith(longOpt + "=")) {
                return argv.get(i).withText(t.substring(longOpt.length() + 1));
            }
            if (longOpt != null && t.equals(longOpt) && i + 1 < argv.size()) {
                return argv.get(i + 1);
            }
            if (shortOpt != 0 && t.length() >= 2 && t.charAt(0) == '-' && t.charAt(1) == shortOpt) {
                if (t.length() > 2) {
                    return argv.get(i).withText(t.substring(2));
                }
                if (i + 1 < argv.size()) {
                    return argv.get(i + 1);
                }
            }
            // getopt clusters: in "-qc CMD" the value-taking letter comes last and its value is the next word
            if (shortOpt != 0
                    && t.length() > 2
                    && t.charAt(0) == '-'
                    && t.charAt(1) != '-'
                    && t.charAt(t.length() - 1) == shortOpt
                    && i + 1 < argv.size()
                    && letters(t)) {
                return argv.get(i + 1);
            }
        }
        return null;
    }

    private static boolean letters(String t) {
        for (int k = 1; k < t.length(); k++) {
            if (!Character.isLetter(t.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    public Invocation withArgv(List<Arg> newArgv) {
        return new Invocation(newArgv, redirects, stdin, start, end, speculative, treeRoot, depth);
    }

    public Invocation withStdin(Stdin newStdin) {
        return new Invocation(argv, redirects, newStdin, start, end, speculative, treeRoot, depth);
    }

    public String display() {
        StringBuilder sb = new StringBuilder();
        for (Arg a : argv) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(a.display());
        }
        return sb.toString();
    }
}
