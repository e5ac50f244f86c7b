package io.clituner.guardrails.parse;

import io.clituner.guardrails.parse.Ast.Command;
import io.clituner.guardrails.parse.Ast.Compound;
import io.clituner.guardrails.parse.Ast.FunctionDef;
import io.clituner.guardrails.parse.Ast.Item;
import io.clituner.guardrails.parse.Ast.Kind;
import io.clituner.guardrails.parse.Ast.Pipeline;
import io.clituner.guardrails.parse.Ast.Script;
import io.clituner.guardrails.parse.Ast.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Compound commands: if, while/until, for/select (and arithmetic for), case, [[ ]], functions, coproc. */
abstract class CompoundParser extends RedirectParser {
    static final Set<String> COMPOUND_STARTS = Set.of("{", "if", "while", "until", "for", "select", "case", "[[");

    CompoundParser(String src, int maxDepth) {
        super(src, maxDepth);
    }

    void requireNonEmpty(Script s, String what) throws ParseException {
        if (s.items().isEmpty()) {
            throw error("empty body in " + what);
        }
    }

    Command parseIf(int start) throws ParseException {
        pos += 2;
        List<Script> parts = new ArrayList<>();
        Set<String> condStop = Set.of("then");
        Set<String> bodyStop = Set.of("elif", "else", "fi");
        while (true) {
            Script cond = parseList(condStop, false, false);
            expectReserved("then");
            Script body = parseList(bodyStop, false, false);
            requireNonEmpty(cond, "if");
            requireNonEmpty(body, "then");
            parts.add(cond);
            parts.add(body);
            String rw = peekReserved();
            if ("elif".equals(rw)) {
                pos += 4;
                continue;
            }
            if ("else".equals(rw)) {
                pos += 4;
                Script e = parseList(Set.of("fi"), false, false);
                requireNonEmpty(e, "else");
                parts.add(e);
            }
            expectReserved("fi");
            return new Compound(Kind.IF, parts, List.of(), null, parseTrailingRedirects(), start, pos);
        }
    }

    Command parseFor(int start, String kw) throws ParseException {
        pos += kw.length();
        skipBlanks();
        if (kw.equals("for") && src.startsWith("((", pos)) {
            pos += 2;
            Word header = parseArith(pos - 2);
            skipBlanks();
            if (pos < len && src.charAt(pos) == ';') {
                pos++;
            }
            skipBlanksAndNewlines();
            Script body = parseLoopBody();
            return new Compound(
                    Kind.ARITH_FOR, List.of(body), List.of(header), null, parseTrailingRedirects(), start, pos);
        }
        Word nameWord = parseWordOrNull(false);
        String name = nameWord == null ? null : nameWord.bare();
        if (name == null || !isName(name)) {
            throw error("'" + kw + "' needs a variable name");
        }
        skipBlanksAndNewlines();
        List<Word> items = null;
        if ("in".equals(peekReserved())) {
            pos += 2;
            items = new ArrayList<>();
            while (true) {
                skipBlanks();
                if (pos >= len) {
                    throw error("unterminated " + kw);
                }
                char c = src.charAt(pos);
                if (c == ';' || c == '\n') {
                    pos++;
                    break;
                }
                if (isMeta(c)) {
                    throw error("unexpected '" + c + "' in " + kw + " list");
                }
                items.add(parseWordOrNull(false));
            }
        } else if (pos < len && src.charAt(pos) == ';') {
            pos++;
        }
        skipBlanksAndNewlines();
        Script body = parseLoopBody();
        return new Compound(
                kw.equals("for") ? Kind.FOR : Kind.SELECT,
                List.of(body),
                items,
                name,
                parseTrailingRedirects(),
                start,
                pos);
    }

    Script parseLoopBody() throws ParseException {
        String rw = peekReserved();
        if ("{".equals(rw)) {
            pos++;
            Script g = parseList(Set.of("}"), false, false);
            expectReserved("}");
            requireNonEmpty(g, "{ }");
            return g;
        }
        expectReserved("do");
        Script body = parseList(Set.of("done"), false, false);
        expectReserved("done");
        requireNonEmpty(body, "do … done");
        return body;
    }

    Command parseCase(int start) throws ParseException {
        pos += 4;
        skipBlanks();
        Word subject = parseWordOrNull(false);
        if (subject == null) {
            throw error("'case' needs a word");
        }
        skipBlanksAndNewlines();
        expectReserved("in");
        List<Word> words = new ArrayList<>();
        words.add(subject);
        List<Script> parts = new ArrayList<>();
        while (true) {
            skipBlanksAndNewlines();
            if ("esac".equals(peekReserved())) {
                pos += 4;
                break;
            }
            if (pos >= len) {
                throw error("unterminated case");
            }
            if (src.charAt(pos) == '(') {
                pos++;
                skipBlanks();
            }
            while (true) {
                skipBlanks();
                Word pat = parseWordOrNull(false);
                if (pat == null) {
                    throw error("expected a case pattern");
                }
                words.add(pat);
                skipBlanks();
                if (pos < len && src.charAt(pos) == '|') {
                    pos++;
                    continue;
                }
                expectChar(')');
                break;
            }
            parts.add(parseList(Set.of("esac"), false, true));
            skipBlanks();
            if (src.startsWith(";;&", pos)) {
                pos += 3;
            } else if (src.startsWith(";;", pos) || src.startsWith(";&", pos)) {
                pos += 2;
            } else {
                skipBlanksAndNewlines();
                expectReserved("esac");
                break;
            }
        }
        return new Compound(Kind.CASE, parts, words, null, parseTrailingRedirects(), start, pos);
    }

    Command parseCond(int start) throws ParseException {
        pos += 2;
        List<Word> words = new ArrayList<>();
        while (true) {
            skipBlanksAndNewlines();
            if (pos >= len) {
                throw error("unterminated [[");
            }
            if (src.startsWith("]]", pos) && (pos + 2 >= len || isMeta(src.charAt(pos + 2)))) {
                pos += 2;
                break;
            }
            char c = src.charAt(pos);
            if ((c == '&' && peek(1) == '&') || (c == '|' && peek(1) == '|')) {
                pos += 2;
                continue;
            }
            Word w = parseWord(WordMode.COND);
            if (w == null) {
                throw error("unexpected '" + c + "' in [[ ]]");
            }
            words.add(w);
        }
        if (words.isEmpty()) {
            throw error("empty [[ ]]");
        }
        return new Compound(Kind.COND, List.of(), words, null, parseTrailingRedirects(), start, pos);
    }

    Command parseFunctionKeyword(int start) throws ParseException {
        pos += 8;
        skipBlanks();
        Word nameWord = parseWordOrNull(false);
        String name = nameWord == null ? null : nameWord.literal();
        if (name == null || name.isEmpty()) {
            throw error("'function' needs a name");
        }
        skipBlanks();
        if (pos < len && src.charAt(pos) == '(') {
            pos++;
            skipBlanks();
            expectChar(')');
        }
        skipBlanksAndNewlines();
        return new FunctionDef(name, parseFunctionBody(), start, pos);
    }

    Command parseFunctionBody() throws ParseException {
        skipBlanksAndNewlines();
        if (pos >= len) {
            throw error("function needs a body");
        }
        char c = src.charAt(pos);
        String rw = peekReserved();
        if (c == '(' || (rw != null && COMPOUND_STARTS.contains(rw))) {
            return parseCommand();
        }
        throw error("function body must be a compound command");
    }

    Command parseCoproc(int start) throws ParseException {
        pos += 6;
        skipBlanks();
        String name = null;
        int save = pos;
        String rw = peekReserved();
        if (rw == null && pos < len && !isMeta(src.charAt(pos))) {
            Word w = parseWordOrNull(false);
            String bare = w == null ? null : w.bare();
            skipBlanks();
            String next = peekReserved();
            boolean compoundNext =
                    (pos < len && src.charAt(pos) == '(') || (next != null && COMPOUND_STARTS.contains(next));
            if (bare != null && isName(bare) && compoundNext) {
                name = bare;
            } else {
                pos = save;
            }
        }
        Command body = parseCommand();
        return new Compound(
                Kind.COPROC,
                List.of(new Script(
                        List.of(new Item(List.of(new Pipeline(List.of(body), false, body.start(), body.end())), false)),
                        body.start(),
                        body.end())),
                List.of(),
                name,
                List.of(),
                start,
                pos);
    }
}
