package io.clituner.guardrails.parse;

import io.clituner.guardrails.parse.Ast.Lit;
import io.clituner.guardrails.parse.Ast.Part;
import io.clituner.guardrails.parse.Ast.Redirect;
import io.clituner.guardrails.parse.Ast.Word;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Redirections of every kind, here-documents (bodies read by {@link BashLexer}) and here-strings. */
abstract class RedirectParser extends WordParser {

    RedirectParser(String src, int maxDepth) {
        super(src, maxDepth);
    }

    static final String[] REDIRECT_OPS = {"&>>", "<<<", "<<-", "&>", "<<", "<&", "<>", ">>", ">&", ">|", "<", ">"};

    List<Redirect> parseTrailingRedirects() throws ParseException {
        List<Redirect> out = new ArrayList<>();
        while (true) {
            skipBlanks();
            Redirect r = tryRedirect();
            if (r == null) {
                break;
            }
            out.add(r);
        }
        if (pos < len && !isMeta(src.charAt(pos)) && !isBlank(src.charAt(pos)) && !closerNext()) {
            // "(ls) done", "{ …; done }": bash reads a reserved word that closes a construct right after a compound
            throw error("unexpected word after a compound command");
        }
        return out;
    }

    @Nullable
    Redirect tryRedirect() throws ParseException {
        int start = pos;
        int p = pos;
        int fd = -1;
        while (p < len && Character.isDigit(src.charAt(p)) && p - pos < 4) {
            p++;
        }
        if (p > pos) {
            if (p >= len || (src.charAt(p) != '<' && src.charAt(p) != '>')) {
                return null;
            }
            fd = Integer.parseInt(src.substring(pos, p));
        } else if (p < len && src.charAt(p) == '{') {
            int close = src.indexOf('}', p);
            if (close > p + 1
                    && close + 1 < len
                    && (src.charAt(close + 1) == '<' || src.charAt(close + 1) == '>')
                    && isName(src.substring(p + 1, close))) {
                p = close + 1;
                fd = 10;
            }
        }
        if (p >= len) {
            return null;
        }
        char first = src.charAt(p);
        if (first != '<' && first != '>' && first != '&') {
            return null; // every operator starts with one of these: most words never reach the operator table
        }
        String op = null;
        for (String candidate : REDIRECT_OPS) {
            if (src.startsWith(candidate, p)) {
                op = candidate;
                break;
            }
        }
        if (op == null) {
            return null;
        }
        if ((op.equals("<") || op.equals(">")) && p + 1 < len && src.charAt(p + 1) == '(') {
            return null; // process substitution, a word
        }
        pos = p + op.length();
        skipBlanks();
        if (!op.equals("<&") && !op.equals(">&")) {
            int q = pos;
            while (q < len && Character.isDigit(src.charAt(q))) {
                q++;
            }
            if (q > pos && q < len && (src.charAt(q) == '<' || src.charAt(q) == '>')) {
                // "cat < 2>x": bash reads 2> as the next redirection, so this one has no target
                throw error("redirection '" + op + "' needs a target");
            }
        }
        if (op.equals("<<") || op.equals("<<-")) {
            return heredoc(fd, op, start);
        }
        Word target = parseWord(WordMode.NORMAL);
        if (target == null) {
            throw error("redirection '" + op + "' needs a target");
        }
        int defaultFd = op.startsWith("<") ? 0 : 1;
        return new Redirect(fd < 0 ? defaultFd : fd, op, target, start, pos);
    }

    /** A here-document: its delimiter now, its body (the target word's parts) when the parser reaches the newline. */
    private Redirect heredoc(int fd, String op, int start) throws ParseException {
        Word delim = parseWord(WordMode.NORMAL);
        if (delim == null) {
            throw error("here-document needs a delimiter");
        }
        boolean quoted = false;
        StringBuilder d = new StringBuilder();
        for (Part part : delim.parts()) {
            if (part instanceof Lit l) {
                quoted |= l.quoted();
                d.append(l.text());
            } else {
                quoted = true;
            }
        }
        List<Part> target = new ArrayList<>();
        pendingHeredocs.add(new PendingHeredoc(d.toString(), quoted, op.equals("<<-"), target));
        return new Redirect(fd < 0 ? 0 : fd, op, new Word(target, start, pos), start, pos);
    }
}
