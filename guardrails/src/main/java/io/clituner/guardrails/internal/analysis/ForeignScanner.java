package io.clituner.guardrails.internal.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One pass over an inline program ({@link ForeignCode#scan}): identifiers, the calls they make with their argument
 * text, backquoted commands and string literals (base64 blobs are decoded and scanned again by the caller). The
 * {@link ForeignLanguage} supplies the dialect: which calls take no parentheses, what backticks and exec() mean.
 */
final class ForeignScanner {
    private final ForeignLanguage lang;
    private final String code;
    private final String lower;
    private final int n;
    private final List<String> shell = new ArrayList<>();
    private final List<String> deleted = new ArrayList<>();
    private final List<String> blobs = new ArrayList<>();
    private final List<ForeignCode.FileAccess> files = new ArrayList<>();
    private final List<String> downloads = new ArrayList<>();
    private final List<String[]> modes = new ArrayList<>();
    private final List<String> evals = new ArrayList<>();
    private boolean dynamic;
    private boolean hostile;
    private int i;
    private @Nullable String lastIdent;
    private int lastIdentEnd = -1;

    ForeignScanner(ForeignLanguage lang, String code) {
        this.lang = lang;
        this.code = code;
        this.lower = code.toLowerCase(Locale.ROOT);
        this.n = code.length();
    }

    ForeignCode.Scan run() {
        while (i < n) {
            char c = code.charAt(i);
            if (Character.isJavaIdentifierStart(c) || c == '%') {
                identifier();
                continue;
            }
            if (c == '`' && lang.backticksRunShell()) {
                int e = code.indexOf('`', i + 1);
                if (e > 0) {
                    shell.add(ForeignText.interpolations(code.substring(i + 1, e)));
                    i = e + 1;
                    continue;
                }
            }
            if (c == '(' || (c == ' ' && lastIdent != null && lastIdentEnd == i && lang.callsWithoutParentheses())) {
                call(c);
                lastIdent = null;
                i++;
                continue;
            }
            if (c == '\'' || c == '"') {
                stringLiteral();
                lastIdent = null;
                continue;
            }
            if (!Character.isWhitespace(c)) {
                lastIdent = null;
            }
            i++;
        }
        lang.afterScan(code, shell, files);
        return ForeignShapes.result(lower, shell, deleted, hostile, dynamic, blobs, files, downloads, modes, evals);
    }

    /** A dotted, ::- or ->-joined identifier; perl's qx{…} runs its text as a shell command. */
    private void identifier() {
        int s = i;
        i++;
        while (i < n) {
            char d = code.charAt(i);
            if (Character.isJavaIdentifierPart(d)
                    || (d == '.' && i + 1 < n && Character.isJavaIdentifierStart(code.charAt(i + 1)))) {
                i++;
            } else if (d == ':'
                    && i + 2 < n
                    && code.charAt(i + 1) == ':'
                    && Character.isJavaIdentifierStart(code.charAt(i + 2))) {
                i += 2;
            } else if (d == '-'
                    && i + 2 < n
                    && code.charAt(i + 1) == '>'
                    && Character.isJavaIdentifierStart(code.charAt(i + 2))) {
                i += 2;
            } else {
                break;
            }
        }
        lastIdent = code.substring(s, i);
        lastIdentEnd = i;
        // perl qx{…} / qx(…)
        if (lastIdent.equals("qx") && i < n && "{([/|!'\"".indexOf(code.charAt(i)) >= 0) {
            char open = code.charAt(i);
            char close = open == '{' ? '}' : open == '(' ? ')' : open == '[' ? ']' : open;
            int e = code.indexOf(close, i + 1);
            if (e > 0) {
                shell.add(code.substring(i + 1, e));
                i = e + 1;
            }
        }
    }

    /** The identifier just read called with an argument list ({@code f(…)}, or {@code f …;} without parentheses). */
    private void call(char c) {
        String callee = lastIdent;
        boolean adjacent = lastIdentEnd >= 0 && code.substring(lastIdentEnd, i).isBlank();
        if (callee != null && adjacent) {
            int end = c == '(' ? ForeignText.matching(code, i) : ForeignText.statementEnd(code, i);
            String args = code.substring(i + 1, Math.max(i + 1, Math.min(end, n)));
            classify(callee, ForeignCalls.simpleName(callee), args);
        }
    }

    /** What a call does, by the callee's name: download, chmod, argv start, file access, shell, delete, eval. */
    private void classify(String callee, String simple, String args) {
        if (ForeignCalls.DOWNLOAD_CALLS.contains(callee) || ForeignCalls.DOWNLOAD_CALLS.contains(simple)) {
            List<String> lits = ForeignText.stringLiterals(args);
            if (lits.size() >= 2 && lits.get(0).contains("://")) {
                downloads.add(lits.get(1));
            }
        } else if (ForeignCalls.CHMOD_CALLS.contains(callee) || ForeignCalls.CHMOD_CALLS.contains(simple)) {
            java.util.regex.Matcher m = ForeignCode.OCTAL_MODE.matcher(args);
            List<String> lits = ForeignText.stringLiterals(args);
            if (m.find() && !lits.isEmpty()) {
                for (String path : lits) {
                    modes.add(new String[] {m.group(1), path});
                }
            }
        } else if (ForeignCalls.ARGV_CALLS.contains(simple) && lang.argvCall(callee)) {
            String built = ForeignCode.argvCommand(args);
            if (built != null) {
                shell.add(built);
            }
        } else if (ForeignCalls.OPEN_CALLS.contains(callee)
                || (ForeignCalls.OPEN_CALLS.contains(simple) && !callee.contains("."))
                || ForeignCalls.WRITE_CALLS.contains(callee)
                || ForeignCalls.WRITE_CALLS.contains(simple)
                || ForeignCalls.READ_CALLS.contains(callee)
                || ForeignCalls.READ_CALLS.contains(simple)) {
            ForeignCode.fileAccess(callee, simple, args, files);
        } else if (ForeignCalls.isShellCall(callee, simple, lang, lower)) {
            shellCall(args);
        } else if (ForeignCalls.DELETE_CALLS.contains(callee) || ForeignCalls.DELETE_CALLS.contains(simple)) {
            deleted.addAll(ForeignText.literals(args));
        } else if (ForeignCalls.EVAL_CALLS.contains(simple)) {
            evalCall(args);
        }
    }

    private void shellCall(String args) {
        // a decoded payload handed to a shell cannot be read here: fail closed
        hostile |= ForeignCode.decodes(args.toLowerCase(Locale.ROOT)) && !ForeignCode.literalOnly(args);
        String built = ForeignCode.buildCommand(args, lang);
        if (built != null) {
            if (Nesting.opaque(built) || built.isBlank()) {
                dynamic = true;
            } else {
                shell.add(built);
            }
        }
    }

    private void evalCall(String args) {
        String la = args.toLowerCase(Locale.ROOT);
        if (ForeignCode.literalOnly(args)) {
            evals.add(ForeignText.stringLiterals(args).get(0)); // exec('import os; os.system(…)'): the same language
        }
        if (ForeignCode.decodes(la)
                || la.contains("urlopen")
                || la.contains("requests.")
                || la.contains("http")
                || la.contains("fetch(")
                || la.contains("lwp")
                || la.contains("net::http")
                || la.contains("file_get_contents")
                || la.contains("[::-1]")
                || la.contains("reverse")
                || la.contains("chr(")
                || la.contains("decode(")) {
            hostile = true;
        }
    }

    /** A string literal; one that looks like base64 is decoded and kept as a blob to scan as code. */
    private void stringLiteral() {
        int e = ForeignText.stringEnd(code, i);
        String lit = code.substring(i + 1, Math.max(i + 1, e));
        if (lit.length() >= 16 && lit.length() % 4 == 0 && ForeignText.base64Like(lit)) {
            String decoded = Producers.decodeBase(lit, false);
            if (decoded != null && ForeignText.printable(decoded)) {
                blobs.add(decoded);
            }
        }
        i = e + 1;
    }
}
