package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Arg;
import java.util.List;

/** awk and its variants: the first operand is the program; its pipes and redirections run and write. */
final class ForeignAwk implements ForeignLanguage {
    @Override
    public String name() {
        return "awk";
    }

    @Override
    public boolean runs(String program) {
        return Programs.AWKS.contains(program);
    }

    /** The program is the first word that is not an option ({@code -f FILE}: a program file, not analysed). */
    @Override
    public List<Nested> nested(Invocation inv, String program) {
        List<Arg> argv = inv.argv();
        int i = 1;
        while (i < argv.size()) {
            String t = argv.get(i).text();
            if (t.equals("-f") || t.equals("--file")) {
                return List.of();
            }
            if (t.equals("-v") || t.equals("-F") || t.equals("--assign") || t.equals("--field-separator")) {
                i += 2;
                continue;
            }
            if (t.startsWith("-") && t.length() > 1 && !t.equals("--")) {
                i++;
                continue;
            }
            if (t.equals("--")) {
                i++;
            }
            break;
        }
        if (i < argv.size()) {
            Arg p = argv.get(i);
            return List.of(new Nested.Foreign("awk", p.text(), p.origin(), p.start(), p.end()));
        }
        return List.of();
    }

    @Override
    public boolean backticksRunShell() {
        return false;
    }

    @Override
    public void afterScan(String code, List<String> shell, List<ForeignCode.FileAccess> files) {
        ForeignCode.awkPipes(code, shell);
        ForeignCode.awkRedirects(code, files);
    }
}
