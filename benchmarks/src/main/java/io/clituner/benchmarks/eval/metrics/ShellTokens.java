package io.clituner.benchmarks.eval.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * A light bash lexer for the lexical metrics: words with quotes removed where that does not change
 * their meaning, and control/redirection operators as tokens of their own. So {@code ls  '*.pdf'},
 * {@code ls "*.pdf"} and {@code ls \*.pdf} give the same tokens, while {@code ls *.pdf} (a glob)
 * does not. Never fails: unbalanced quotes run to the end of the text.
 */
public final class ShellTokens {
    private static final String OPERATOR_CHARS = "|&;<>()";

    private ShellTokens() {}

    /** A double-quoted string: its text with bash's escapes undone, whether it expands ($ or `), where its closing quote is. */
    private record Quoted(String text, boolean expands, int close) {}

    private static Quoted doubleQuoted(String command, int open) {
        int n = command.length();
        int j = open + 1;
        StringBuilder lit = new StringBuilder();
        boolean expands = false;
        while (j < n && command.charAt(j) != '"') {
            char d = command.charAt(j);
            if (d == '\\' && j + 1 < n && "\"\\$`".indexOf(command.charAt(j + 1)) >= 0) {
                lit.append(command.charAt(j + 1));
                j += 2;
                continue;
            }
            expands |= d == '$' || d == '`';
            lit.append(d);
            j++;
        }
        return new Quoted(lit.toString(), expands, j);
    }

    public static List<String> tokenize(String command) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean needsQuotes = false;
        int i = 0;
        int n = command.length();
        while (i < n) {
            char c = command.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n') {
                if (inWord) {
                    out.add(finish(word, needsQuotes));
                    word.setLength(0);
                    inWord = false;
                    needsQuotes = false;
                }
                i++;
            } else if (c == '\'') {
                int end = command.indexOf('\'', i + 1);
                end = end < 0 ? n : end;
                String lit = command.substring(i + 1, end);
                needsQuotes |= special(lit);
                word.append(lit);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                Quoted q = doubleQuoted(command, i);
                if (q.expands()) {
                    // keep the quotes: "$x" and $x are different words
                    word.append('"').append(q.text()).append('"');
                } else {
                    needsQuotes |= special(q.text());
                    word.append(q.text());
                }
                inWord = true;
                i = Math.min(n, q.close() + 1);
            } else if (c == '\\' && i + 1 < n) {
                char d = command.charAt(i + 1);
                needsQuotes |= special(String.valueOf(d));
                word.append(d);
                inWord = true;
                i += 2;
            } else if (OPERATOR_CHARS.indexOf(c) >= 0
                    && !(c == '(' && inWord && word.length() > 0 && word.charAt(word.length() - 1) == '$')) {
                int len = operatorLength(command, i);
                boolean fdRedirect =
                        inWord && (c == '>' || c == '<') && word.chars().allMatch(Character::isDigit);
                if (inWord && !fdRedirect) {
                    out.add(finish(word, needsQuotes));
                    word.setLength(0);
                    inWord = false;
                    needsQuotes = false;
                }
                String op = command.substring(i, i + len);
                if (fdRedirect) {
                    op = word + op;
                    word.setLength(0);
                    inWord = false;
                }
                out.add(op);
                i += len;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            out.add(finish(word, needsQuotes));
        }
        return out;
    }

    /** Tokens joined by single spaces: the normal form for exact match. */
    public static String normalise(String command) {
        List<String> t = tokenize(command.strip());
        while (!t.isEmpty() && t.get(t.size() - 1).equals(";")) {
            t.remove(t.size() - 1);
        }
        return String.join(" ", t);
    }

    private static int operatorLength(String s, int i) {
        for (String op : new String[] {">>", "&&", "||", "&>", ">&", "<<", "|&", ";;"}) {
            if (s.startsWith(op, i)) {
                return 2;
            }
        }
        return 1;
    }

    private static boolean special(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (" \t\n*?[]$`\"'\\|&;<>(){}~#!".indexOf(s.charAt(i)) >= 0) {
                return true;
            }
        }
        return s.isEmpty();
    }

    private static String finish(StringBuilder word, boolean needsQuotes) {
        String w = word.toString();
        return needsQuotes ? "'" + w.replace("'", "'\\''") + "'" : w;
    }
}
