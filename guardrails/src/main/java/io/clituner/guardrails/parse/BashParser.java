package io.clituner.guardrails.parse;

import io.clituner.guardrails.parse.Ast.Assignment;
import io.clituner.guardrails.parse.Ast.Command;
import io.clituner.guardrails.parse.Ast.Compound;
import io.clituner.guardrails.parse.Ast.FunctionDef;
import io.clituner.guardrails.parse.Ast.Item;
import io.clituner.guardrails.parse.Ast.Kind;
import io.clituner.guardrails.parse.Ast.Lit;
import io.clituner.guardrails.parse.Ast.Part;
import io.clituner.guardrails.parse.Ast.Pipeline;
import io.clituner.guardrails.parse.Ast.Redirect;
import io.clituner.guardrails.parse.Ast.Script;
import io.clituner.guardrails.parse.Ast.Simple;
import io.clituner.guardrails.parse.Ast.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A hand-written recursive-descent parser for the bash grammar (POSIX sh plus bash's {@code [[ ]]},
 * {@code (( ))}, {@code $'…'}, process substitution, here-strings, arrays, coproc). One pass, no
 * backtracking beyond a few characters of look-ahead, so time is linear in the input. Nesting is
 * bounded by {@link #maxDepth}: deeper input is rejected with a limit {@link ParseException}
 * instead of risking a stack overflow. Not thread-safe; create one per input (cheap).
 */
public final class BashParser extends CompoundParser {

    public BashParser(String src, int maxDepth) {
        super(src, maxDepth);
    }

    /** Every simple command completed so far, including those inside constructs that later failed. */
    public List<Simple> seenCommands() {
        return seen;
    }

    public Script parse() throws ParseException {
        Script s = parseList(Set.of(), false, false);
        skipBlanksAndNewlines();
        if (pos < len) {
            throw error("unexpected '" + src.charAt(pos) + "'");
        }
        if (!pendingHeredocs.isEmpty()) {
            readHeredocBodies();
        }
        return s;
    }

    @Override
    Script parseList(Set<String> stopWords, boolean stopParen, boolean stopCase) throws ParseException {
        enter();
        int start = pos;
        List<Item> items = new ArrayList<>();
        while (true) {
            skipBlanksAndNewlines();
            if (pos >= len) {
                break;
            }
            char c = src.charAt(pos);
            if (c == ')' && stopParen) {
                break;
            }
            if (stopCase && c == ';' && peek(1) == ';') {
                break;
            }
            if (stopCase && c == ';' && peek(1) == '&') {
                break;
            }
            String rw = peekReserved();
            if (rw != null && stopWords.contains(rw)) {
                break;
            }
            if (c == ';' || c == '&' || c == '|' || c == ')') {
                throw error("unexpected '" + c + "'");
            }
            List<Pipeline> andOr = parseAndOr();
            boolean bg = false;
            skipBlanks();
            if (pos < len) {
                c = src.charAt(pos);
                if (c == ';' && peek(1) != ';' && peek(1) != '&') {
                    pos++;
                } else if (c == '&' && peek(1) != '&' && peek(1) != '>') {
                    pos++;
                    bg = true;
                } else if (c == '\n') {
                    pos++;
                    readHeredocBodies();
                }
            }
            items.add(new Item(andOr, bg));
        }
        depth--;
        return new Script(items, start, pos);
    }

    List<Pipeline> parseAndOr() throws ParseException {
        List<Pipeline> list = new ArrayList<>();
        list.add(parsePipeline());
        while (true) {
            skipBlanks();
            if (pos + 1 < len
                    && ((src.charAt(pos) == '&' && src.charAt(pos + 1) == '&')
                            || (src.charAt(pos) == '|' && src.charAt(pos + 1) == '|'))) {
                pos += 2;
                skipBlanksAndNewlines();
                list.add(parsePipeline());
            } else {
                return list;
            }
        }
    }

    Pipeline parsePipeline() throws ParseException {
        skipBlanks();
        int start = pos;
        boolean negated = false;
        while (true) {
            String rw = peekReserved();
            if ("!".equals(rw)) {
                pos++;
                negated = !negated;
                skipBlanks();
            } else if ("time".equals(rw)) {
                pos += 4;
                skipBlanks();
                if (src.startsWith("-p", pos) && (pos + 2 >= len || isBlank(src.charAt(pos + 2)))) {
                    pos += 2;
                    skipBlanks();
                }
            } else {
                break;
            }
        }
        List<Command> cmds = new ArrayList<>();
        if (atListEnd()) {
            if (negated || pos > start) {
                // "time" or "!" alone is valid bash
                return new Pipeline(cmds, negated, start, pos);
            }
            throw error("expected a command");
        }
        cmds.add(parseCommand());
        while (true) {
            skipBlanks();
            if (pos < len && src.charAt(pos) == '|' && peek(1) != '|') {
                pos += peek(1) == '&' ? 2 : 1;
                skipBlanksAndNewlines();
                if (pos >= len) {
                    throw error("a pipe needs a command after it");
                }
                if ("!".equals(peekReserved())) {
                    throw error("'!' may only start a pipeline"); // bash: syntax error near unexpected token `!'
                }
                cmds.add(parseCommand());
            } else {
                break;
            }
        }
        return new Pipeline(cmds, negated, start, pos);
    }

    boolean atListEnd() {
        if (pos >= len) {
            return true;
        }
        char c = src.charAt(pos);
        return c == ';' || c == '\n' || c == ')' || (c == '&' && peek(1) != '>') || (c == '|');
    }

    @Override
    Command parseCommand() throws ParseException {
        enter();
        try {
            skipBlanks();
            int start = pos;
            if (pos >= len) {
                throw error("expected a command");
            }
            if (src.charAt(pos) == '(') {
                return parseParenthesized(start);
            }
            String rw = peekReserved();
            if (rw != null) {
                Command compound = parseReserved(rw, start);
                if (compound != null) {
                    return compound;
                }
            }
            if (src.startsWith("]]", pos)
                    && (pos + 2 >= len
                            || isMeta(src.charAt(pos + 2))
                            || isBlank(src.charAt(pos + 2))
                            || src.charAt(pos + 2) == '\n')) {
                throw error("unexpected ']]'"); // bash reserves it even where no [[ is open
            }
            return parseSimpleOrFunction(start);
        } finally {
            depth--;
        }
    }

    /** {@code (( … ))} or a subshell {@code ( … )}. */
    private Command parseParenthesized(int start) throws ParseException {
        if (peek(1) == '(') {
            pos += 2;
            Word w = parseArith(start);
            return new Compound(Kind.ARITH, List.of(), List.of(w), null, parseTrailingRedirects(), start, pos);
        }
        pos++;
        Script body = parseList(Set.of(), true, false);
        expectChar(')');
        requireNonEmpty(body, "( )");
        return new Compound(Kind.SUBSHELL, List.of(body), List.of(), null, parseTrailingRedirects(), start, pos);
    }

    /**
     * The compound command a reserved word starts; null for one that prefixes a simple command ({@code !},
     * {@code time}); an error for one that only closes a construct.
     */
    private @Nullable Command parseReserved(String rw, int start) throws ParseException {
        return switch (rw) {
            case "{" -> parseGroup(start);
            case "if" -> parseIf(start);
            case "while", "until" -> parseWhileUntil(start, rw);
            case "for", "select" -> parseFor(start, rw);
            case "case" -> parseCase(start);
            case "[[" -> parseCond(start);
            case "function" -> parseFunctionKeyword(start);
            case "coproc" -> parseCoproc(start);
            default -> {
                if (CLOSERS.contains(rw) || rw.equals("in")) {
                    throw error("unexpected '" + rw + "'");
                }
                yield null;
            }
        };
    }

    private Command parseGroup(int start) throws ParseException {
        pos++;
        Script g = parseList(Set.of("}"), false, false);
        expectReserved("}");
        requireNonEmpty(g, "{ }");
        return new Compound(Kind.GROUP, List.of(g), List.of(), null, parseTrailingRedirects(), start, pos);
    }

    private Command parseWhileUntil(int start, String rw) throws ParseException {
        pos += rw.length();
        Script cond = parseList(Set.of("do"), false, false);
        expectReserved("do");
        Script body = parseList(Set.of("done"), false, false);
        expectReserved("done");
        requireNonEmpty(cond, rw);
        requireNonEmpty(body, "do … done");
        return new Compound(
                rw.equals("while") ? Kind.WHILE : Kind.UNTIL,
                List.of(cond, body),
                List.of(),
                null,
                parseTrailingRedirects(),
                start,
                pos);
    }

    Command parseSimpleOrFunction(int start) throws ParseException {
        List<Assignment> assigns = new ArrayList<>();
        List<Word> words = new ArrayList<>();
        List<Redirect> redirects = new ArrayList<>();
        while (true) {
            skipBlanks();
            if (pos >= len) {
                break;
            }
            char c = src.charAt(pos);
            Redirect r = tryRedirect();
            if (r != null) {
                redirects.add(r);
                continue;
            }
            if (c == '(') {
                if (words.size() == 1
                        && assigns.isEmpty()
                        && redirects.isEmpty()
                        && words.get(0).literal() != null) {
                    pos++;
                    skipBlanks();
                    expectChar(')');
                    Command body = parseFunctionBody();
                    return new FunctionDef(words.get(0).literal(), body, start, pos);
                }
                throw error("unexpected '('");
            }
            if (isMeta(c) && !((c == '<' || c == '>') && peek(1) == '(')) {
                break;
            }
            if (words.isEmpty() || isDeclaration(words)) {
                Assignment a = tryAssignment();
                if (a != null) {
                    if (words.isEmpty()) {
                        assigns.add(a);
                    } else {
                        words.add(assignmentAsWord(a));
                    }
                    continue;
                }
            }
            Word w = parseWord(WordMode.NORMAL);
            if (w == null) {
                throw error("unexpected '" + c + "'");
            }
            words.add(w);
        }
        if (assigns.isEmpty() && words.isEmpty() && redirects.isEmpty()) {
            throw error(pos < len ? "unexpected '" + src.charAt(pos) + "'" : "unexpected end of input");
        }
        Simple s = new Simple(assigns, words, redirects, start, pos);
        seen.add(s);
        return s;
    }

    static boolean isDeclaration(List<Word> words) {
        String first = words.get(0).literal();
        return first != null
                && (first.equals("declare")
                        || first.equals("typeset")
                        || first.equals("local")
                        || first.equals("export")
                        || first.equals("readonly"));
    }

    /** Declaration builtins take assignments as arguments; keep them as one word "name=value" plus array parts. */
    static Word assignmentAsWord(Assignment a) {
        List<Part> parts = new ArrayList<>();
        parts.add(new Lit(a.name() + (a.append() ? "+=" : "="), true));
        if (a.value() != null) {
            parts.addAll(a.value().parts());
        } else if (a.array() != null) {
            boolean first = true;
            for (Word w : a.array()) {
                if (!first) {
                    parts.add(new Lit(" ", true));
                }
                first = false;
                parts.addAll(w.parts());
            }
        }
        return new Word(parts, a.start(), a.end());
    }

    @Nullable
    Assignment tryAssignment() throws ParseException {
        int start = pos;
        int p = pos;
        if (p >= len || !isNameStart(src.charAt(p))) {
            return null;
        }
        while (p < len && isNameChar(src.charAt(p))) {
            p++;
        }
        if (p < len && src.charAt(p) == '[') {
            int close = src.indexOf(']', p);
            if (close < 0) {
                return null;
            }
            p = close + 1;
        }
        String name = src.substring(pos, p); // "a" or "a[0]"
        boolean append = false;
        if (p < len && src.charAt(p) == '+' && p + 1 < len && src.charAt(p + 1) == '=') {
            append = true;
            p++;
        }
        if (p >= len || src.charAt(p) != '=') {
            return null;
        }
        pos = p + 1;
        if (pos < len && src.charAt(pos) == '(') {
            pos++;
            List<Word> elems = new ArrayList<>();
            while (true) {
                skipBlanksAndNewlines();
                if (pos >= len) {
                    throw error("unterminated array assignment");
                }
                if (src.charAt(pos) == ')') {
                    pos++;
                    break;
                }
                Word w = parseWord(WordMode.NORMAL);
                if (w == null) {
                    throw error("unexpected '" + src.charAt(pos) + "' in array");
                }
                elems.add(w);
            }
            return new Assignment(name, append, null, elems, start, pos);
        }
        Word value = parseWord(WordMode.NORMAL);
        if (value == null) {
            value = new Word(List.of(), pos, pos);
        }
        return new Assignment(name, append, value, null, start, pos);
    }
}
