package io.clituner.guardrails.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Printing a tree as bash and parsing it again gives the same tree, for generated scripts over every construct the
 * printer writes (here-documents are compared as trees only, in {@link ParserTableTest}).
 */
class ParserRoundTripProperties {

    static void assertRoundTrip(String bash) throws ParseException {
        Ast.Script first = new BashParser(bash, 100).parse();
        String printed = AstPrinter.bash(first);
        Ast.Script again;
        try {
            again = new BashParser(printed, 100).parse();
        } catch (ParseException e) {
            throw new AssertionError("printed form does not parse: " + printed + " (from " + bash + ")", e);
        }
        assertEquals(AstPrinter.tree(first), AstPrinter.tree(again), "printed as: " + printed);
    }

    @Property(tries = 200)
    void printingAndReparsingKeepsTheTree(@ForAll("scripts") String bash) throws ParseException {
        try {
            new BashParser(bash, 100).parse();
        } catch (ParseException e) {
            Assume.that(false); // a combination the parser rejects (e.g. <(…) in a for list): nothing to print
        }
        assertRoundTrip(bash);
    }

    @Example
    void everyTableRowWithoutAHereDocumentRoundTrips() throws Exception {
        for (ParserTableTest.Row r : ParserTableTest.rows()) {
            if (!r.bash().contains("<<") || r.bash().contains("<<<")) {
                assertRoundTrip(r.bash());
            }
        }
    }

    @Provide
    Arbitrary<String> scripts() {
        return list(2);
    }

    private Arbitrary<String> list(int depth) {
        Arbitrary<String> pipeline = Combinators.combine(
                        Arbitraries.of("", "", "! "),
                        command(depth).list().ofMinSize(1).ofMaxSize(2))
                .as((n, cs) -> n + String.join(" | ", cs));
        return pipeline.list()
                .ofMinSize(1)
                .ofMaxSize(3)
                .flatMap(cmds -> Arbitraries.of("; ", " && ", " || ", " & ", "\n")
                        .list()
                        .ofSize(cmds.size() - 1)
                        .map(seps -> join(cmds, seps)));
    }

    private static String join(List<String> cmds, List<String> seps) {
        StringBuilder sb = new StringBuilder(cmds.get(0));
        for (int i = 1; i < cmds.size(); i++) {
            sb.append(seps.get(i - 1)).append(cmds.get(i));
        }
        return sb.toString();
    }

    private Arbitrary<String> command(int depth) {
        Arbitrary<String> simple = simple(depth);
        if (depth <= 0) {
            return simple;
        }
        Arbitrary<String> inner = list(depth - 1);
        Arbitrary<String> w = word(depth - 1);
        return Arbitraries.oneOf(
                simple,
                simple,
                simple,
                inner.map(l -> "( " + l + " )"),
                inner.map(l -> "{ " + l + "; }"),
                Combinators.combine(inner, inner, inner)
                        .as((a, b, c) -> "if " + a + "; then " + b + "; else " + c + "; fi"),
                Combinators.combine(inner, inner).as((a, b) -> "while " + a + "; do " + b + "; done"),
                Combinators.combine(w.list().ofMaxSize(3), inner)
                        .as((ws, b) -> "for v in " + String.join(" ", ws) + "; do " + b + "; done"),
                Combinators.combine(w, w, inner).as((s, p, b) -> "case " + s + " in " + p + ") " + b + ";; esac"),
                inner.map(b -> "f() { " + b + "; }"),
                w.map(x -> "[[ -n " + x + " && " + x + " == a* ]]"),
                Arbitraries.of("(( i++ ))", "(( x = y * 2 ))", "for ((i = 0; i < 2; i++)); do :; done"),
                simple.map(s -> "coproc " + s));
    }

    private Arbitrary<String> simple(int depth) {
        Arbitrary<String> w = word(depth);
        Arbitrary<String> assignment =
                Combinators.combine(Arbitraries.of("A", "x", "_v"), w).as((n, v) -> n + "=" + v);
        Arbitrary<String> redirect = Combinators.combine(
                        Arbitraries.of("<", ">", ">>", "2>", "&>", "<<<", "2>&", ">|"), w)
                .as((op, t) -> op.endsWith("&") ? op + "1" : op + t);
        return Combinators.combine(
                        assignment.list().ofMaxSize(1),
                        Arbitraries.of("echo", "ls", "grep", "rm", "cat"),
                        w.list().ofMaxSize(3),
                        redirect.list().ofMaxSize(2))
                .as((as, cmd, ws, rs) -> String.join(" ", concat(as, List.of(cmd), ws, rs)));
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
    }

    private Arbitrary<String> word(int depth) {
        Arbitrary<String> plain = Arbitraries.strings()
                .withChars("abcxyz019-_./*?=,:@%+")
                .ofMinLength(1)
                .ofMaxLength(6)
                .filter(s -> !s.startsWith("=") && !s.contains("=") || s.indexOf('=') > 0);
        Arbitrary<String> quoted =
                Arbitraries.strings().withChars("ab $'\\\"`;|&()<>{}\n\t").ofMaxLength(6);
        Arbitrary<String> single = quoted.map(s -> "'" + s.replace("'", "'\\''") + "'");
        Arbitrary<String> dq =
                Arbitraries.strings().withChars("ab ;|&()<>{}'").ofMaxLength(6).map(s -> "\"" + s + "\"");
        Arbitrary<String> param = Arbitraries.of(
                "$x",
                "${x}",
                "\"$x\"",
                "${#x}",
                "${x:-d}",
                "${x#*/}",
                "${x%%.*}",
                "${x/a/b}",
                "${x//a}",
                "${a[1]}",
                "${#a[@]}",
                "${!r}",
                "${x^^}",
                "${x:1:2}",
                "$1",
                "$@",
                "\"$@\"",
                "$?",
                "${x:-$y}",
                "\"${x:+a b}\"",
                "$((1 + x))",
                "\"$((y * 2))\"");
        Arbitrary<String> escaped = Arbitraries.of("\\$x", "a\\ b", "\\\"", "\\'", "\\\\");
        Arbitrary<String> ansi = Arbitraries.of("$'a\\nb'", "$'\\x41'", "$'it\\'s'");
        if (depth <= 0) {
            return Arbitraries.oneOf(plain, plain, single, dq, param, escaped, ansi);
        }
        Arbitrary<String> sub = list(depth - 1).map(l -> "$(" + l + ")");
        Arbitrary<String> qsub = list(depth - 1).map(l -> "\"$(" + l + ")\"");
        Arbitrary<String> proc = list(depth - 1).map(l -> "<(" + l + ")");
        Arbitrary<String> part = Arbitraries.oneOf(plain, plain, single, dq, param, escaped, ansi, sub, qsub, proc);
        return part.list()
                .ofMinSize(1)
                .ofMaxSize(2)
                .map(parts -> String.join("", parts))
                .filter(s -> !s.startsWith("<(") || s.length() > 0);
    }
}
