package io.clituner.guardrails.parse;

import io.clituner.guardrails.parse.Ast.Arith;
import io.clituner.guardrails.parse.Ast.Assignment;
import io.clituner.guardrails.parse.Ast.CmdSub;
import io.clituner.guardrails.parse.Ast.Command;
import io.clituner.guardrails.parse.Ast.Compound;
import io.clituner.guardrails.parse.Ast.FunctionDef;
import io.clituner.guardrails.parse.Ast.Item;
import io.clituner.guardrails.parse.Ast.Lit;
import io.clituner.guardrails.parse.Ast.Param;
import io.clituner.guardrails.parse.Ast.Part;
import io.clituner.guardrails.parse.Ast.Pipeline;
import io.clituner.guardrails.parse.Ast.ProcSub;
import io.clituner.guardrails.parse.Ast.Redirect;
import io.clituner.guardrails.parse.Ast.Script;
import io.clituner.guardrails.parse.Ast.Simple;
import io.clituner.guardrails.parse.Ast.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Two printers of the syntax tree for the parser's tests: {@link #tree} a readable form without source positions
 * (adjacent literal parts of the same quoting merged, since expansion cannot tell them apart), and {@link #bash}
 * source text that parses back to the same tree.
 */
final class AstPrinter {
    private AstPrinter() {}

    // ------------------------------------------------------------------ readable tree

    static String tree(Script s) {
        return s.items().stream().map(AstPrinter::tree).collect(Collectors.joining("; ", "{", "}"));
    }

    private static String tree(Item i) {
        return i.pipelines().stream().map(AstPrinter::tree).collect(Collectors.joining(" && "))
                + (i.background() ? " &" : "");
    }

    private static String tree(Pipeline p) {
        return (p.negated() ? "! " : "")
                + p.commands().stream().map(AstPrinter::tree).collect(Collectors.joining(" | "));
    }

    private static String tree(Command c) {
        if (c instanceof Simple s) {
            List<String> out = new ArrayList<>();
            s.assignments().forEach(a -> out.add(tree(a)));
            s.words().forEach(w -> out.add(tree(w)));
            s.redirects().forEach(r -> out.add(tree(r)));
            return "cmd[" + String.join(" ", out) + "]";
        }
        if (c instanceof FunctionDef f) {
            return "function " + f.name() + " " + tree(f.body());
        }
        Compound k = (Compound) c;
        StringBuilder sb = new StringBuilder(k.kind().name().toLowerCase(java.util.Locale.ROOT)).append('(');
        List<String> bits = new ArrayList<>();
        if (k.name() != null) {
            bits.add("name=" + k.name());
        }
        if (k.words() == null) {
            bits.add("words=\"$@\"");
        } else if (!k.words().isEmpty()) {
            bits.add("words=" + k.words().stream().map(AstPrinter::tree).collect(Collectors.joining(" ", "[", "]")));
        }
        k.parts().forEach(p -> bits.add(tree(p)));
        k.redirects().forEach(r -> bits.add(tree(r)));
        return sb.append(String.join(" ", bits)).append(')').toString();
    }

    private static String tree(Assignment a) {
        String value = a.array() != null
                ? a.array().stream().map(AstPrinter::tree).collect(Collectors.joining(" ", "(", ")"))
                : a.value() == null ? "" : tree(a.value());
        return a.name() + (a.append() ? "+=" : "=") + value;
    }

    private static String tree(Redirect r) {
        return r.fd() + r.op() + tree(r.target());
    }

    static String tree(Word w) {
        StringBuilder sb = new StringBuilder();
        for (Part p : merged(w.parts())) {
            if (p instanceof Lit l) {
                sb.append(
                        l.quoted()
                                ? "'"
                                        + l.text()
                                                .replace("\\", "\\\\")
                                                .replace("'", "\\'")
                                                .replace("\n", "\\n") + "'"
                                : l.text());
            } else if (p instanceof Param pa) {
                sb.append(pa.quoted() ? "\"" : "")
                        .append("${")
                        .append(pa.name())
                        .append(pa.subscript() == null ? "" : "[" + pa.subscript() + "]")
                        .append(pa.op().isEmpty() ? "" : " " + pa.op())
                        .append(pa.arg() == null ? "" : " " + tree(pa.arg()))
                        .append(pa.arg2() == null ? "" : " / " + tree(pa.arg2()))
                        .append('}')
                        .append(pa.quoted() ? "\"" : "");
            } else if (p instanceof CmdSub cs) {
                sb.append(cs.quoted() ? "\"" : "")
                        .append("$(")
                        .append(tree(cs.script()))
                        .append(')')
                        .append(cs.quoted() ? "\"" : "");
            } else if (p instanceof ProcSub ps) {
                sb.append(ps.input() ? "<(" : ">(").append(tree(ps.script())).append(')');
            } else if (p instanceof Arith ar) {
                sb.append(ar.quoted() ? "\"" : "")
                        .append("$((")
                        .append(tree(ar.inner()))
                        .append("))")
                        .append(ar.quoted() ? "\"" : "");
            }
        }
        return sb.length() == 0 ? "<empty>" : sb.toString();
    }

    private static List<Part> merged(List<Part> parts) {
        List<Part> out = new ArrayList<>();
        for (Part p : parts) {
            if (p instanceof Lit l
                    && !out.isEmpty()
                    && out.get(out.size() - 1) instanceof Lit prev
                    && prev.quoted() == l.quoted()) {
                out.set(out.size() - 1, new Lit(prev.text() + l.text(), l.quoted()));
            } else {
                out.add(p);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ bash source

    static String bash(Script s) {
        return s.items().stream()
                .map(i -> i.pipelines().stream().map(AstPrinter::bash).collect(Collectors.joining(" && "))
                        + (i.background() ? " &" : ";"))
                .collect(Collectors.joining("\n"));
    }

    private static String bash(Pipeline p) {
        return (p.negated() ? "! " : "")
                + p.commands().stream().map(AstPrinter::bash).collect(Collectors.joining(" | "));
    }

    private static String body(Script s) {
        return s.items().isEmpty() ? "" : " " + bash(s) + " ";
    }

    private static String bash(Command c) {
        if (c instanceof Simple s) {
            List<String> out = new ArrayList<>();
            for (Assignment a : s.assignments()) {
                out.add(a.name()
                        + (a.append() ? "+=" : "=")
                        + (a.array() != null
                                ? a.array().stream().map(AstPrinter::bash).collect(Collectors.joining(" ", "(", ")"))
                                : a.value() == null ? "" : bash(a.value())));
            }
            s.words().forEach(w -> out.add(bash(w)));
            s.redirects().forEach(r -> out.add(bash(r)));
            return String.join(" ", out);
        }
        if (c instanceof FunctionDef f) {
            return "function " + f.name() + "() " + bash(f.body());
        }
        Compound k = (Compound) c;
        return compound(k) + k.redirects().stream().map(r -> " " + bash(r)).collect(Collectors.joining());
    }

    private static String compound(Compound k) {
        List<Script> p = k.parts();
        return switch (k.kind()) {
            case SUBSHELL -> "(" + body(p.get(0)) + ")";
            case GROUP -> "{" + body(p.get(0)) + "}";
            case IF -> {
                StringBuilder sb = new StringBuilder("if" + body(p.get(0)) + "then" + body(p.get(1)));
                int i = 2;
                for (; i + 1 < p.size(); i += 2) {
                    sb.append("elif").append(body(p.get(i))).append("then").append(body(p.get(i + 1)));
                }
                if (i < p.size()) {
                    sb.append("else").append(body(p.get(i)));
                }
                yield sb.append("fi").toString();
            }
            case WHILE, UNTIL ->
                k.kind().name().toLowerCase(java.util.Locale.ROOT) + body(p.get(0)) + "do" + body(p.get(1)) + "done";
            case FOR, SELECT ->
                k.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + k.name()
                        + (k.words() == null
                                ? ""
                                : " in"
                                        + k.words().stream()
                                                .map(w -> " " + bash(w))
                                                .collect(Collectors.joining()))
                        + "; do" + body(p.get(0)) + "done";
            case CASE -> caseBash(k);
            case COND -> "[[ " + k.words().stream().map(AstPrinter::bash).collect(Collectors.joining(" ")) + " ]]";
            case ARITH -> "((" + arith(k.words().get(0)) + "))";
            case ARITH_FOR -> "for ((" + arith(k.words().get(0)) + ")); do" + body(p.get(0)) + "done";
            case COPROC ->
                "coproc " + (k.name() == null ? "" : k.name() + " ")
                        + bash(p.get(0)
                                .items()
                                .get(0)
                                .pipelines()
                                .get(0)
                                .commands()
                                .get(0));
        };
    }

    /** Patterns beyond one per item go to the first item: the tree keeps their count, not their grouping. */
    private static String caseBash(Compound k) {
        List<Word> w = k.words();
        int items = k.parts().size();
        int first = w.size() - 1 - Math.max(0, items - 1);
        StringBuilder sb = new StringBuilder("case " + bash(w.get(0)) + " in");
        int next = 1;
        for (int i = 0; i < items; i++) {
            int n = i == 0 ? first : 1;
            List<String> pats = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                pats.add(bash(w.get(next++)));
            }
            sb.append(' ')
                    .append(String.join("|", pats))
                    .append(")")
                    .append(body(k.parts().get(i)))
                    .append(";;");
        }
        return sb.append(" esac").toString();
    }

    private static String bash(Redirect r) {
        if (r.op().equals("<<") || r.op().equals("<<-")) {
            throw new UnsupportedOperationException("here-documents are compared as trees, not printed back");
        }
        int defaultFd = r.op().startsWith("<") ? 0 : 1;
        return (r.fd() == defaultFd ? "" : String.valueOf(r.fd())) + r.op() + bash(r.target());
    }

    static String bash(Word w) {
        StringBuilder sb = new StringBuilder();
        for (Part p : w.parts()) {
            if (p instanceof Lit l) {
                sb.append(l.quoted() ? "'" + l.text().replace("'", "'\\''") + "'" : l.text());
            } else if (p instanceof Param pa) {
                sb.append(pa.quoted() ? "\"" + param(pa) + "\"" : param(pa));
            } else if (p instanceof CmdSub cs) {
                String sub = "$(" + bash(cs.script()) + ")";
                sb.append(cs.quoted() ? "\"" + sub + "\"" : sub);
            } else if (p instanceof ProcSub ps) {
                sb.append(ps.input() ? "<(" : ">(").append(bash(ps.script())).append(')');
            } else if (p instanceof Arith ar) {
                String sub = "$((" + arith(ar.inner()) + "))";
                sb.append(ar.quoted() ? "\"" + sub + "\"" : sub);
            }
        }
        return sb.toString();
    }

    private static String param(Param p) {
        String sub = p.subscript() == null ? "" : "[" + p.subscript() + "]";
        String arg = p.arg() == null ? "" : bash(p.arg());
        String arg2 = p.arg2() == null ? "" : "/" + bash(p.arg2());
        return switch (p.op()) {
            case "" -> "${" + p.name() + sub + "}";
            case "len" -> "${#" + p.name() + sub + "}";
            case "!" -> "${!" + p.name() + sub + "}";
            case "keys" -> "${!" + p.name() + sub + "@}";
            default ->
                p.op().startsWith("!") && p.op().length() > 1
                        ? "${!" + p.name() + sub + p.op().substring(1) + arg + arg2 + "}"
                        : "${" + p.name() + sub + p.op() + arg + arg2 + "}";
        };
    }

    /** Arithmetic text: literals as written, expansions as in a double-quoted context. */
    private static String arith(Word w) {
        StringBuilder sb = new StringBuilder();
        for (Part p : w.parts()) {
            if (p instanceof Lit l) {
                sb.append(l.text());
            } else if (p instanceof Param pa) {
                sb.append(param(pa));
            } else if (p instanceof CmdSub cs) {
                sb.append("$(").append(bash(cs.script())).append(')');
            } else if (p instanceof Arith ar) {
                sb.append("$((").append(arith(ar.inner())).append("))");
            }
        }
        return sb.toString();
    }
}
