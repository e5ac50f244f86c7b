package io.clituner.guardrails.parse;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The bash syntax tree: just enough structure to find every command bash would run. */
public final class Ast {
    private Ast() {}

    /** A list of and-or chains, each optionally backgrounded ({@code &}). */
    public record Script(List<Item> items, int start, int end) {}

    public record Item(List<Pipeline> pipelines, boolean background) {}

    public record Pipeline(List<Command> commands, boolean negated, int start, int end) {}

    public sealed interface Command permits Simple, Compound, FunctionDef {
        int start();

        int end();
    }

    /** {@code NAME=value… word… redirect…}; arrays in assignments keep their element words. */
    public record Simple(List<Assignment> assignments, List<Word> words, List<Redirect> redirects, int start, int end)
            implements Command {}

    public record Assignment(
            String name,
            boolean append,
            @Nullable Word value,
            @Nullable List<Word> array,
            int start,
            int end) {}

    /** Kinds of compound command; {@code parts} and {@code words} are interpreted per kind. */
    public enum Kind {
        SUBSHELL,
        GROUP,
        IF,
        WHILE,
        UNTIL,
        FOR,
        SELECT,
        CASE,
        COND,
        ARITH,
        ARITH_FOR,
        COPROC
    }

    /**
     * @param parts  bodies in source order (IF: cond, then, [cond, then]…, [else]; loops: cond, body; FOR: body;
     *               CASE: one script per item)
     * @param words  FOR/SELECT item words (null means "$@"), CASE subject then patterns, COND/ARITH words
     * @param name   loop variable or coproc name
     */
    public record Compound(
            Kind kind,
            List<Script> parts,
            @Nullable List<Word> words,
            @Nullable String name,
            List<Redirect> redirects,
            int start,
            int end)
            implements Command {}

    public record FunctionDef(String name, Command body, int start, int end) implements Command {}

    /** {@code [fd]op target}; a here-document's body is its target word (quoted delimiters: literal). */
    public record Redirect(int fd, String op, Word target, int start, int end) {}

    /** One shell word as written: its parts before expansion, and its span in the source. */
    public record Word(List<Part> parts, int start, int end) {
        public boolean isLiteral() {
            for (Part p : parts) {
                if (!(p instanceof Lit)) {
                    return false;
                }
            }
            return true;
        }

        /** The literal text (quote removal done) when the word has no expansions, else null. */
        public @Nullable String literal() {
            if (parts.size() == 1 && parts.get(0) instanceof Lit l) {
                return l.text();
            }
            StringBuilder sb = new StringBuilder();
            for (Part p : parts) {
                if (!(p instanceof Lit l)) {
                    return null;
                }
                sb.append(l.text());
            }
            return sb.toString();
        }

        /** The text when the word is one unquoted literal (reserved words, function names), else null. */
        public @Nullable String bare() {
            if (parts.size() == 1 && parts.get(0) instanceof Lit l && !l.quoted()) {
                return l.text();
            }
            return null;
        }
    }

    public sealed interface Part permits Lit, Param, CmdSub, ProcSub, Arith {}

    /** Literal text; unquoted text still undergoes brace, tilde and glob expansion. */
    public record Lit(String text, boolean quoted) implements Part {}

    /**
     * {@code $name}, {@code ${name[sub]op arg}}.
     *
     * @param op one of "", ":-", "-", ":=", "=", ":+", "+", ":?", "?", "#", "##", "%", "%%", "/", "//", "/#", "/%",
     *           "^", "^^", ",", ",,", ":" (substring), "@" (transform), "len", "!" (indirect), "keys"
     */
    public record Param(
            String name,
            @Nullable String subscript,
            String op,
            @Nullable Word arg,
            @Nullable Word arg2,
            boolean quoted) implements Part {}

    public record CmdSub(Script script, boolean quoted) implements Part {}

    public record ProcSub(Script script, boolean input) implements Part {}

    public record Arith(Word inner, boolean quoted) implements Part {}
}
