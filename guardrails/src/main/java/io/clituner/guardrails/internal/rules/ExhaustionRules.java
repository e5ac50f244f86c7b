package io.clituner.guardrails.internal.rules;

import io.clituner.guardrails.internal.analysis.Invocation;
import io.clituner.guardrails.internal.analysis.Programs;
import io.clituner.guardrails.internal.expand.Arg;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Memory bombs in interpreter one-liners: a string or buffer sized in gigabytes and up ({@code ' ' * 10**12},
 * {@code "A" x 2**40}, {@code bytearray(10**10)}), or an endless loop that only grows a value.
 */
final class ExhaustionRules {
    private ExhaustionRules() {}

    /** A size written as a power: 10**N, 2**N, 1eN, 10^N (the exponent is group 2 or 4 or 6). */
    private static final Pattern POWER =
            Pattern.compile("(?:\\b(10)\\s*\\*\\*\\s*\\(?\\s*(\\d+))|(?:\\b(2)\\s*\\*\\*\\s*\\(?\\s*(\\d+))"
                    + "|(?:\\b1e(\\d+))|(?:Math\\.pow\\(\\s*(?:10|2)\\s*,\\s*(\\d+))");
    /** Repetition or allocation operators followed (possibly after an opening parenthesis) by a size. */
    private static final Pattern SIZED = Pattern.compile(
            "(?:\\*|\\bx\\b|\\.repeat\\(|bytearray\\(|bytes\\(|Buffer\\.alloc\\(|"
                    + "new Array\\(|str_repeat\\([^,]*,|\\.zeros\\(|malloc\\()\\s*\\(?\\s*([^;)\\s]*\\*\\*[^;)\\s]*|1e\\d+|Math\\.pow\\([^)]*\\)|[0-9][0-9_]*)");

    private static final Pattern ENDLESS = Pattern.compile(
            "while\\s*\\(?\\s*(True|1|true)\\s*\\)?\\s*[:{]|loop\\s*(do|\\{)|for\\s*\\(\\s*;\\s*;\\s*\\)"
                    + "|while\\s*\\(\\s*1\\s*\\)|itertools\\.count\\(|iter\\(int,\\s*1\\)");
    private static final Pattern GROWS =
            Pattern.compile("\\.append\\(|\\.push\\(|\\.extend\\(|\\+=|\\.concat\\(|<<\\s|\\.=");

    /** Bytes a size expression stands for, or 0 when it is not a plain number or power. */
    static double bytes(String size) {
        String s = size.replace("_", "").replace("(", "").strip();
        Matcher m = POWER.matcher(s);
        if (m.find()) {
            int base = m.group(4) != null ? 2 : 10;
            for (int g : new int[] {2, 4, 5, 6}) {
                if (m.group(g) != null) {
                    return Math.pow(base, Integer.parseInt(m.group(g)));
                }
            }
        }
        return s.matches("\\d{1,18}") ? Double.parseDouble(s) : 0;
    }

    static @Nullable String memoryBomb(String code) {
        Matcher m = SIZED.matcher(code);
        while (m.find()) {
            if (bytes(m.group(1)) >= 1e9) {
                return "allocates " + m.group().strip();
            }
        }
        if (ENDLESS.matcher(code).find()
                && GROWS.matcher(code).find()
                && !code.contains("break")
                && !code.contains("sleep")) {
            return "endless loop that only grows a value";
        }
        return null;
    }

    /** The code an interpreter one-liner runs (-c, -e, -E, -r, --eval), or null. */
    static @Nullable Arg code(Invocation inv) {
        String n = inv.name();
        if (n.startsWith("python") || n.startsWith("pypy")) {
            return inv.optionValue('c', null);
        }
        if (n.equals("php")) {
            return inv.optionValue('r', null);
        }
        if (n.equals("node") || n.equals("nodejs") || n.equals("deno") || n.equals("bun")) {
            Arg a = inv.optionValue('e', "--eval");
            return a != null ? a : inv.optionValue('p', "--print");
        }
        Arg a = inv.optionValue('e', null);
        return a != null ? a : inv.optionValue('E', null);
    }

    static List<Rule> rules() {
        return List.of(Rule.builder("dos.memory-bomb")
                .says("an interpreter one-liner that allocates gigabytes at once or grows a value in an endless loop")
                .on(Programs.INTERPRETERS.toArray(new String[0]))
                .when(inv -> {
                    Arg c = code(inv);
                    return c == null ? null : memoryBomb(c.text());
                })
                .examples(
                        "python3 -c \"x = ' ' * 10**12\"",
                        "perl -e '$x = \"A\" x (2**40)'",
                        "python3 -c 'a=[]; [a.append(\"x\"*10**6) for _ in iter(int, 1)]'",
                        "node -e 'let a=[]; while(true){a.push(new Array(1e6).fill(1))}'",
                        "ruby -e 's=\"x\"; loop { s << s }'",
                        "python -c 'b = bytearray(10**11)'")
                .counter(
                        "python3 -c 'print(2**64)'",
                        "python3 -c \"print('-' * 80)\"",
                        "perl -e 'print \"=\" x 40'",
                        "node -e 'console.log([1,2].map(x => x * 1000))'",
                        "python3 -c 'while True: print(input())'")
                .build());
    }
}
