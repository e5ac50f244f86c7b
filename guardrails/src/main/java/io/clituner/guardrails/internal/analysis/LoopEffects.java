package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.parse.Ast;
import io.clituner.guardrails.parse.Ast.Command;
import io.clituner.guardrails.parse.Ast.Script;
import io.clituner.guardrails.parse.Ast.Simple;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the body of an endless loop does each time round, read from the syntax tree: whether it creates a new file
 * every iteration (mktemp, or touch/mkdir/fallocate/cp/dd or a redirection onto a name built from a changing value)
 * without anything pacing it (a foreground sleep, wait or read). Such a loop fills the disk or its inode table.
 */
public final class LoopEffects {
    private LoopEffects() {}

    /** The structural finding for such a loop (a rule of {@code LockoutRules}). */
    public static final String FILE_LOOP = "dos.file-loop";

    private static final Set<String> CREATORS =
            Set.of("touch", "mkdir", "fallocate", "cp", "dd", "truncate", "tee", "head", "cat", "yes", "ln");
    private static final Set<String> PACERS = Set.of("sleep", "wait", "read", "inotifywait", "usleep");

    /** The loop body creates a new file on every pass and nothing in it waits. */
    public static boolean createsFilesUnpaced(Script body) {
        boolean creates = false;
        for (Ast.Item item : body.items()) {
            for (Ast.Pipeline p : item.pipelines()) {
                for (Command c : p.commands()) {
                    if (!(c instanceof Simple s)) {
                        continue;
                    }
                    String n = s.words().isEmpty() ? null : s.words().get(0).literal();
                    if (n != null && PACERS.contains(n) && !item.background()) {
                        return false;
                    }
                    creates |= createsNewFile(s, n);
                }
            }
        }
        return creates;
    }

    private static boolean createsNewFile(Simple s, @Nullable String name) {
        if ("mktemp".equals(name) || "tempfile".equals(name)) {
            return true;
        }
        for (Ast.Redirect r : s.redirects()) {
            if ((r.op().equals(">") || r.op().equals(">>") || r.op().equals("&>")) && varies(r.target())) {
                return true;
            }
        }
        if (name == null || !CREATORS.contains(name)) {
            return false;
        }
        for (int i = 1; i < s.words().size(); i++) {
            Ast.Word w = s.words().get(i);
            String lit = w.literal();
            if (lit != null && lit.startsWith("-")) {
                continue;
            }
            if (varies(w)) {
                return true;
            }
        }
        return false;
    }

    /** A word whose value changes between iterations: it holds a parameter, substitution or arithmetic. */
    private static boolean varies(Ast.Word w) {
        for (Ast.Part p : w.parts()) {
            if (!(p instanceof Ast.Lit)) {
                return true;
            }
        }
        return false;
    }
}
