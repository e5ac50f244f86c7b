package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Arg;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every shell the analyzer knows and how its command line says "run this code": {@code -c} in a cluster
 * ({@code bash -lc}, {@code csh -fc}), options that take a value before it ({@code bash -o pipefail -c}), long
 * spellings ({@code fish --command=CODE}, {@code nu --commands CODE}, PowerShell's {@code -Command} and its
 * prefixes), attached values where the shell's option parser allows them ({@code fish -c'CODE'}), code run before
 * the shell goes on ({@code fish -C/--init-command}), several code options ({@code fish -c A -c B}), and options that
 * stop execution ({@code bash -n}, {@code fish --no-execute}). The code is judged as bash: the common commands
 * ({@code rm -rf /}, {@code curl … | sh}) read the same in every one of these shells. Adding a shell is one row.
 */
public final class ShellDialects {
    private ShellDialects() {}

    /**
     * How one family of shells takes code.
     *
     * @param codeLetters short options whose value (the next word, or the first operand for POSIX shells) is code
     * @param codeLong long options (with {@code =VALUE} or a separate word) whose value is code
     * @param valueShort short options that take the next word as their value (not code)
     * @param valueLong long options that take a value (not code)
     * @param noExec options that make the shell only parse ({@code -n}) or print something and exit
     * @param attached whether {@code -cCODE} (getopt style) is one option and its value
     * @param caseless whether options are case-insensitive and may be abbreviated (PowerShell)
     */
    record Dialect(
            String codeLetters,
            Set<String> codeLong,
            String valueShort,
            Set<String> valueLong,
            Set<String> noExec,
            boolean attached,
            boolean caseless) {}

    private static final Dialect POSIX = new Dialect(
            "c",
            Set.of("--command"),
            "oO",
            Set.of("--rcfile", "--init-file", "--emulate"),
            Set.of("-n", "--noexec", "--version", "--help"),
            false,
            false);
    private static final Dialect CSH =
            new Dialect("c", Set.of(), "", Set.of(), Set.of("-n", "--version", "--help"), false, false);
    private static final Dialect FISH = new Dialect(
            "cC",
            Set.of("--command", "--init-command"),
            "dfp",
            Set.of("--debug", "--debug-output", "--features", "--profile", "--profile-startup"),
            Set.of("-n", "--no-execute", "-v", "--version", "-h", "--help"),
            true,
            false);
    private static final Dialect SIMPLE = new Dialect(
            "c",
            Set.of("--command", "--commands"),
            "",
            Set.of(),
            Set.of("-n", "--version", "-v", "--help", "-h"),
            true,
            false);
    private static final Dialect POWERSHELL = new Dialect(
            "c",
            Set.of("-command"),
            "",
            Set.of(
                    "-executionpolicy",
                    "-workingdirectory",
                    "-configurationname",
                    "-outputformat",
                    "-inputformat",
                    "-windowstyle",
                    "-settingsfile",
                    "-file"),
            Set.of("-version", "-help", "-?"),
            false,
            true);

    /** Shell name → its dialect (one row per shell). */
    private static final Map<String, Dialect> SHELLS = Map.ofEntries(
            Map.entry("sh", POSIX),
            Map.entry("bash", POSIX),
            Map.entry("dash", POSIX),
            Map.entry("zsh", POSIX),
            Map.entry("ksh", POSIX),
            Map.entry("ksh93", POSIX),
            Map.entry("mksh", POSIX),
            Map.entry("lksh", POSIX),
            Map.entry("ash", POSIX),
            Map.entry("hush", POSIX),
            Map.entry("yash", POSIX),
            Map.entry("posh", POSIX),
            Map.entry("rbash", POSIX),
            Map.entry("pdksh", POSIX),
            Map.entry("oksh", POSIX),
            Map.entry("loksh", POSIX),
            Map.entry("bosh", POSIX),
            Map.entry("busybox-sh", POSIX),
            Map.entry("osh", POSIX),
            Map.entry("ysh", POSIX),
            Map.entry("oil", POSIX),
            Map.entry("csh", CSH),
            Map.entry("tcsh", CSH),
            Map.entry("fish", FISH),
            Map.entry("xonsh", SIMPLE),
            Map.entry("nu", SIMPLE),
            Map.entry("nushell", SIMPLE),
            Map.entry("elvish", SIMPLE),
            Map.entry("rc", SIMPLE),
            Map.entry("es", SIMPLE),
            Map.entry("ion", SIMPLE),
            Map.entry("murex", SIMPLE),
            Map.entry("pwsh", POWERSHELL),
            Map.entry("powershell", POWERSHELL),
            Map.entry("pwsh-preview", POWERSHELL));

    /** Applets of multi-call binaries that are shells ({@code busybox sh -c}, {@code toybox sh -c}). */
    public static final Set<String> APPLET_SHELLS = Set.of("sh", "ash", "hush", "bash");

    public static boolean isShell(String name) {
        return SHELLS.containsKey(name);
    }

    /** Every shell name, for the analyzer's table of known programs. */
    public static Set<String> names() {
        return SHELLS.keySet();
    }

    /**
     * What a shell invocation runs: each code string given by option (in order), else the script file operand, else
     * its stdin. Nothing when an option stops execution ({@code -n}).
     */
    public static List<Nested> nested(Invocation inv) {
        Dialect d = SHELLS.get(inv.name());
        if (d == null) {
            return List.of();
        }
        Parse p = new Parse(d, inv);
        int i = 1;
        while (i < inv.size() && !p.finished && !p.endOfOptions) {
            int step = p.option(i);
            if (step == 0) {
                break; // the first operand
            }
            i += step;
        }
        if (p.noExec) {
            return List.of();
        }
        return p.finished ? p.code : p.operands(i);
    }

    /** The state of reading one shell command line's options. */
    private static final class Parse {
        final Dialect d;
        final Invocation inv;
        final String name;
        final List<Nested> code = new ArrayList<>();
        boolean codeFlag; // POSIX -c: the first operand is the code, the rest $0 $1…
        boolean stdinFlag;
        boolean noExec;
        boolean finished; // the code found so far is everything the shell runs
        boolean endOfOptions;

        Parse(Dialect d, Invocation inv) {
            this.d = d;
            this.inv = inv;
            this.name = inv.name();
        }

        /** Reads the option at argv[i]: the words it takes, or 0 when argv[i] is an operand. */
        int option(int i) {
            Arg a = inv.arg(i);
            String t = d.caseless() ? a.text().toLowerCase(Locale.ROOT) : a.text();
            if (t.equals("--") || t.equals("-")) {
                endOfOptions = true;
                return 1;
            }
            if (!(t.startsWith("-") || (t.startsWith("+") && d.equals(POSIX))) || t.length() < 2) {
                return 0;
            }
            if (d.noExec().contains(t) || (d.equals(POSIX) && noExecCluster(t))) {
                noExec = true;
                finished = true;
                return 1;
            }
            int eq = t.indexOf('=');
            String key = t.startsWith("--") && eq > 0 ? t.substring(0, eq) : t;
            if (d.codeLong().contains(key) || (d.caseless() && caselessCode(t))) {
                return codeOption(i, a, eq);
            }
            if (d.caseless() && encodedCommand(t) && i + 1 < inv.size()) {
                code.add(powershellEncoded(inv.arg(i + 1), name));
                finished = true;
                return 2;
            }
            if (d.valueLong().contains(key)) {
                return eq > 0 ? 1 : 2;
            }
            if (t.startsWith("--")) {
                return 1;
            }
            int consumed = cluster(d, inv, i, name, code);
            if (consumed < 0) { // a POSIX -c cluster: the code is the first operand
                codeFlag = true;
                return 1;
            }
            stdinFlag |= d.equals(POSIX) && t.indexOf('s', 1) > 0 && t.charAt(0) == '-';
            return consumed;
        }

        /** {@code --command=CODE}, {@code --command CODE}, PowerShell's {@code -Command REST…}. */
        private int codeOption(int i, Arg a, int eq) {
            if (eq > 0 && a.text().startsWith("--")) {
                code.add(NestingShells.code(a.withText(a.text().substring(eq + 1)), List.of(), name + " -c"));
                return 1;
            }
            if (d.caseless()) { // -Command takes the rest of the line as one command
                if (i + 1 < inv.size()) {
                    Nested.Code c = NestingShells.join(inv, i + 1, name + " -c");
                    code.add(c); // read as shell code (rm, curl … | sh) and as a PowerShell program (iex, iwr)
                    code.add(new Nested.Foreign("powershell", c.text(), c.origin(), c.start(), c.end()));
                }
                finished = true;
                return inv.size() - i;
            }
            if (i + 1 < inv.size()) {
                code.add(NestingShells.code(inv.arg(i + 1), List.of(), name + " -c"));
                return 2;
            }
            return 1;
        }

        /** After the options: the -c code and its positional parameters, a script file, or stdin. */
        List<Nested> operands(int i) {
            if (codeFlag) {
                if (i < inv.size()) {
                    List<String> positional = new ArrayList<>();
                    for (int k = i + 1; k < inv.size(); k++) { // $0 first, then $1…
                        positional.add(inv.arg(k).text());
                    }
                    code.add(NestingShells.code(inv.arg(i), positional, name + " -c"));
                }
                return code;
            }
            if (!code.isEmpty() && !(d.equals(FISH) && onlyInitCode(inv))) {
                return code;
            }
            code.add(!stdinFlag && i < inv.size() ? new Nested.CodeFile(inv.arg(i), name) : new Nested.StdinCode(name));
            return code;
        }
    }

    /**
     * One short-option cluster at argv[i]: adds code for a code letter with a following or attached value; returns
     * the words consumed, or -1 for a POSIX {@code -c} cluster (code = first operand).
     */
    private static int cluster(Dialect d, Invocation inv, int i, String name, List<Nested> code) {
        Arg a = inv.arg(i);
        String t = a.text();
        for (int k = 1; k < t.length(); k++) {
            char c = t.charAt(k);
            if (d.codeLetters().indexOf(c) >= 0 && t.charAt(0) == '-') {
                if (d.equals(POSIX) || d.equals(CSH)) {
                    return -1;
                }
                if (k + 1 < t.length() && d.attached()) {
                    code.add(NestingShells.code(a.withText(t.substring(k + 1)), List.of(), name + " -c"));
                    return 1;
                }
                if (i + 1 < inv.size()) {
                    code.add(NestingShells.code(inv.arg(i + 1), List.of(), name + " -c"));
                    return 2;
                }
                return 1;
            }
            if (d.valueShort().indexOf(c) >= 0) {
                return k + 1 < t.length() && d.attached() ? 1 : 2;
            }
        }
        return 1;
    }

    /** {@code bash -n}, {@code bash -xn}: parse only (no -c needed for it to hold; -c with -n runs nothing). */
    private static boolean noExecCluster(String t) {
        return t.charAt(0) == '-' && !t.startsWith("--") && t.indexOf('n', 1) > 0;
    }

    /** PowerShell accepts any prefix of -Command (at least -c) and -EncodedCommand is not readable here. */
    private static boolean caselessCode(String lower) {
        return lower.length() >= 2 && "-command".startsWith(lower);
    }

    /** -EncodedCommand and its accepted prefixes ({@code -e}, {@code -ec}, {@code -enc}…). */
    private static boolean encodedCommand(String lower) {
        return lower.equals("-e")
                || lower.equals("-ec")
                || (lower.length() >= 3 && "-encodedcommand".startsWith(lower));
    }

    /** PowerShell's -EncodedCommand: base64 of UTF-16LE text; decoded code keeps the origin DECODED. */
    private static Nested powershellEncoded(Arg a, String name) {
        String text;
        try {
            text = new String(
                    java.util.Base64.getDecoder().decode(a.text().strip()), java.nio.charset.StandardCharsets.UTF_16LE);
        } catch (IllegalArgumentException e) {
            text = String.valueOf(io.clituner.guardrails.internal.expand.Sentinels.UNKNOWN);
        }
        return new Nested.Code(
                text,
                a.origin().max(io.clituner.guardrails.internal.expand.Origin.DECODED),
                List.of(),
                a.start(),
                a.end(),
                name + " -EncodedCommand");
    }

    /** fish -C CODE only runs CODE first; without -c the shell then reads its script or stdin as usual. */
    private static boolean onlyInitCode(Invocation inv) {
        for (int k = 1; k < inv.size(); k++) {
            String t = inv.arg(k).text();
            if (t.equals("-c") || t.startsWith("--command") || (t.startsWith("-c") && !t.startsWith("-C"))) {
                return false;
            }
        }
        return true;
    }

    /**
     * For a program the analyzer does not know: the values of code-looking options ({@code -c 'CODE'},
     * {@code --command=CODE}, {@code -e 'CODE'}) that hold more than one word, to be tried as shell code — an unknown
     * shell-like program with {@code -c 'rm -rf /'} is at least reviewed.
     */
    public static List<Arg> codeLikeValues(Invocation inv) {
        List<Arg> out = new ArrayList<>();
        for (int k = 1; k < inv.size(); k++) {
            Arg a = inv.arg(k);
            String t = a.text();
            if (t.length() < 2 || t.charAt(0) != '-') {
                continue;
            }
            Arg v = null;
            if ((t.equals("-c")
                            || t.equals("--command")
                            || t.equals("--commands")
                            || t.equals("-e")
                            || t.equals("--eval")
                            || t.equals("--exec"))
                    && k + 1 < inv.size()) {
                v = inv.arg(k + 1);
            } else if (t.startsWith("--command=") || t.startsWith("--eval=") || t.startsWith("--exec=")) {
                v = a.withText(t.substring(t.indexOf('=') + 1));
            }
            if (v != null && v.text().strip().indexOf(' ') > 0) {
                out.add(v);
            }
        }
        return out;
    }
}
