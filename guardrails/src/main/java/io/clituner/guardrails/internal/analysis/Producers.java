package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Arg;
import io.clituner.guardrails.internal.expand.Escapes;
import io.clituner.guardrails.internal.expand.Origin;
import io.clituner.guardrails.internal.expand.Sentinels;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Computes what a command writes to stdout when that is knowable without running it: echo,
 * printf, cat of known input, and the common decoders (base64, base32, xxd -r -p, rev, tr). Anything
 * else yields only an origin. This is how {@code $(echo cm0= | base64 -d)} and
 * {@code printf '\x72\x6d'} become text the analyzer can read.
 */
public final class Producers {
    private static final int MAX_OUTPUT = 1 << 16;

    private Producers() {}

    /** What a lookup prints: disk names ({@link DeviceListing}), a program's path ({@link ProgramPaths}). */
    private static Output lookup(Invocation inv, Origin argOrigin) {
        String out = inv.name().equals("lsblk") ? DeviceListing.names(inv) : ProgramPaths.printed(inv);
        return new Output(
                out == null ? null : out + "\n", out == null || inv.name().equals("lsblk") ? Origin.LOCAL : argOrigin);
    }

    /** Output of one stage: known text (or null) and its origin. */
    public record Output(@Nullable String content, Origin origin) {}

    public static Output output(Invocation inv) {
        String name = inv.name();
        Stdin in = inv.stdin();
        if (inv.argv().isEmpty()) {
            return new Output(null, in.origin().max(Origin.LOCAL));
        }
        if (name.isEmpty()) {
            Output globbed = GlobbedPrograms.output(inv); // /u?r/b?n/cu?l URL prints downloaded data
            return globbed != null
                    ? globbed
                    : new Output(null, inv.arg(0).origin().max(Origin.LOCAL));
        }
        Origin argOrigin = Origin.LITERAL;
        for (Arg a : inv.argv()) {
            argOrigin = argOrigin.max(a.origin());
        }
        return switch (name) {
            case "echo" -> echo(inv, argOrigin);
            case "printf" -> printf(inv, argOrigin);
            case "cat", "tee" -> {
                if (name.equals("tee")
                        || inv.operands().isEmpty()
                        || inv.operands().stream().allMatch(a -> a.is("-"))) {
                    yield new Output(in.content(), in.piped() ? in.origin() : Origin.LOCAL);
                }
                yield new Output(null, Origin.LOCAL.max(procSubOrigin(inv)));
            }
            case "base64", "base32", "basenc" ->
                inv.hasOption('d', "--decode") || inv.hasOption('D')
                        ? decoded(in, s -> decodeBase(s, name.equals("base32")))
                        : passthroughUnknown(in);
            case "xxd" ->
                inv.hasOption('r', "--revert")
                        ? decoded(
                                in, inv.hasOption('p', "--plain", "--ps", "-postscript") ? Producers::unhex : s -> null)
                        : passthroughUnknown(in);
            case "rev" -> decoded(in, Producers::rev);
            case "mktemp" -> mktemp(inv);
            case "true", "false", ":" -> new Output("", Origin.LITERAL); // "/$(true)" is "/"
            case "lsblk", "which", "command", "type" -> lookup(inv, argOrigin);
            case "dirname", "basename" -> pathPart(inv, name, argOrigin);
            case "tr" -> decoded(in, s -> tr(inv, s));
            default -> unevaluated(inv, name, in);
        };
    }

    /** What a program the analyzer does not evaluate prints: only where it comes from. */
    private static Output unevaluated(Invocation inv, String name, Stdin in) {
        if (Programs.NETWORK.contains(name)) {
            return new Output(null, Origin.NETWORK);
        }
        if (Programs.DECODERS.contains(name)) {
            return new Output(null, in.origin().max(Origin.DECODED));
        }
        if (Programs.INTERPRETERS.contains(name)
                && !in.piped()
                && Nesting.of(inv).stream().anyMatch(n -> n instanceof Nested.Foreign)) {
            // code that generates text from an inline program: as opaque as a decoder
            return new Output(null, Origin.DECODED);
        }
        if (in.piped()
                && in.origin() == Origin.LITERAL
                && in.content() != null
                && in.content().indexOf(Sentinels.UNKNOWN) < 0) {
            // literal text reshaped by a program we cannot evaluate (sed, awk, cut…): treat as obfuscated
            return new Output(null, Origin.DECODED);
        }
        return new Output(null, in.origin().max(Origin.LOCAL).max(procSubOrigin(inv)));
    }

    /** dirname and basename of one known operand print its directory or last component. */
    private static Output pathPart(Invocation inv, String name, Origin argOrigin) {
        List<Arg> ops = inv.operands();
        if (ops.size() != 1 || !ops.get(0).resolved()) {
            return new Output(null, Origin.LOCAL);
        }
        String p = ops.get(0).text();
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        int slash = p.lastIndexOf('/');
        String r = name.equals("basename")
                ? p.substring(slash + 1)
                : slash < 0 ? "." : slash == 0 ? "/" : p.substring(0, slash);
        return new Output(r + "\n", argOrigin);
    }

    private static Origin procSubOrigin(Invocation inv) {
        Origin o = Origin.LITERAL;
        for (Arg a : inv.argv()) {
            if (a.procSub() != null) {
                o = o.max(a.procSub());
            }
        }
        return o;
    }

    private static Output passthroughUnknown(Stdin in) {
        return new Output(null, in.origin().max(Origin.LOCAL));
    }

    private interface Transform {
        @Nullable
        String apply(String s);
    }

    private static Output decoded(Stdin in, Transform t) {
        if (in.content() == null) {
            return new Output(null, in.origin().max(Origin.DECODED));
        }
        String out = t.apply(in.content());
        return new Output(out, in.origin().max(Origin.DECODED));
    }

    private static Output echo(Invocation inv, Origin origin) {
        List<Arg> args = inv.args();
        int i = 0;
        boolean newline = true;
        boolean escapes = false;
        while (i < args.size()) {
            String t = args.get(i).text();
            if (t.length() > 1
                    && t.charAt(0) == '-'
                    && t.substring(1).chars().allMatch(c -> c == 'n' || c == 'e' || c == 'E')) {
                newline &= t.indexOf('n') < 0;
                escapes = t.indexOf('e') >= 0 || (escapes && t.indexOf('E') < 0);
                i++;
            } else {
                break;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int k = i; k < args.size(); k++) {
            if (k > i) {
                sb.append(' ');
            }
            sb.append(args.get(k).text());
            if (sb.length() > MAX_OUTPUT) {
                return new Output(null, origin.max(Origin.LOCAL));
            }
        }
        String s = escapes ? Escapes.decode(sb.toString(), true) : sb.toString();
        if (newline) {
            s = s + "\n";
        }
        return new Output(s, origin);
    }

    private static Output printf(Invocation inv, Origin origin) {
        List<Arg> args = inv.args();
        int i = 0;
        if (i < args.size() && args.get(i).is("-v")) {
            i += 2;
        }
        if (i < args.size() && args.get(i).is("--")) {
            i++;
        }
        if (i >= args.size()) {
            return new Output("", origin);
        }
        String fmt = args.get(i).text();
        List<Arg> rest = args.subList(i + 1, args.size());
        String s = format(fmt, rest);
        return new Output(s, origin);
    }

    /** printf's format: %s %b %d %c %q %%, escapes; the format repeats while arguments remain. */
    public static @Nullable String format(String fmt, List<Arg> rest) {
        StringBuilder sb = new StringBuilder();
        int argi = 0;
        int rounds = 0;
        do {
            for (int k = 0; k < fmt.length(); k++) {
                char c = fmt.charAt(k);
                if (c == '%' && k + 1 < fmt.length()) {
                    int j = k + 1;
                    while (j < fmt.length() && "-+ #0123456789.".indexOf(fmt.charAt(j)) >= 0) {
                        j++;
                    }
                    if (j >= fmt.length()) {
                        sb.append(fmt, k, j);
                        k = j;
                        continue;
                    }
                    char conv = fmt.charAt(j);
                    k = j;
                    if (conv == '%') {
                        sb.append('%');
                        continue;
                    }
                    String a = argi < rest.size() ? rest.get(argi).text() : "";
                    argi++;
                    switch (conv) {
                        case 'b' -> sb.append(Escapes.decode(a, true));
                        case 'c' -> sb.append(a.isEmpty() ? "" : a.substring(0, 1));
                        default -> sb.append(a);
                    }
                } else if (c == '\\' && k + 1 < fmt.length()) {
                    int end = k + 2;
                    char e = fmt.charAt(k + 1);
                    if (e == 'x') {
                        while (end < fmt.length() && end < k + 4 && Character.digit(fmt.charAt(end), 16) >= 0) {
                            end++;
                        }
                    } else if (e >= '0' && e <= '7') {
                        while (end < fmt.length() && end < k + 4 && fmt.charAt(end) >= '0' && fmt.charAt(end) <= '7') {
                            end++;
                        }
                    } else if (e == 'u' || e == 'U') {
                        int max = e == 'u' ? 6 : 10;
                        while (end < fmt.length() && end < k + max && Character.digit(fmt.charAt(end), 16) >= 0) {
                            end++;
                        }
                    }
                    sb.append(Escapes.decode(fmt.substring(k, end), false));
                    k = end - 1;
                } else {
                    sb.append(c);
                }
                if (sb.length() > MAX_OUTPUT) {
                    return null;
                }
            }
            rounds++;
        } while (argi < rest.size() && argi > 0 && rounds < 64);
        return sb.toString();
    }

    static @Nullable String decodeBase(String s, boolean base32) {
        String compact = s.replaceAll("\\s+", "");
        if (compact.indexOf(Sentinels.UNKNOWN) >= 0) {
            return null;
        }
        try {
            byte[] bytes;
            if (base32) {
                bytes = base32(compact.toUpperCase(Locale.ROOT));
                if (bytes == null) {
                    return null;
                }
            } else {
                bytes = Base64.getMimeDecoder().decode(compact.replace('-', '+').replace('_', '/'));
            }
            return Sentinels.sanitize(new String(bytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte @Nullable [] base32(String s) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '=') {
                break;
            }
            int v = alphabet.indexOf(c);
            if (v < 0) {
                return null;
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }

    static @Nullable String unhex(String s) {
        StringBuilder hex = new StringBuilder();
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (Character.digit(c, 16) >= 0) {
                hex.append(c);
            } else if (!Character.isWhitespace(c)) {
                return null;
            }
        }
        byte[] b = new byte[hex.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return Sentinels.sanitize(new String(b, StandardCharsets.ISO_8859_1));
    }

    static String rev(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (String line : s.split("\n", -1)) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(new StringBuilder(line).reverse());
        }
        return out.toString();
    }

    static @Nullable String tr(Invocation inv, String s) {
        List<Arg> ops = inv.operands();
        boolean delete = inv.hasOption('d', "--delete");
        if (ops.isEmpty() || !ops.get(0).resolved()) {
            return null;
        }
        String set1 = expandSet(ops.get(0).text());
        if (delete) {
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < s.length(); k++) {
                char c = s.charAt(k);
                if (set1.indexOf(c) < 0) {
                    sb.append(c);
                }
            }
            return sb.toString();
        }
        if (ops.size() < 2 || !ops.get(1).resolved()) {
            return null;
        }
        String set2 = expandSet(ops.get(1).text());
        if (set2.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            int i = set1.indexOf(c);
            sb.append(i < 0 ? c : set2.charAt(Math.min(i, set2.length() - 1)));
        }
        return sb.toString();
    }

    private static String expandSet(String spec) {
        String s = Escapes.decode(spec, false);
        s = s.replace("[:upper:]", "A-Z")
                .replace("[:lower:]", "a-z")
                .replace("[:digit:]", "0-9")
                .replace("[:space:]", " \t\n\r")
                .replace("[:alpha:]", "a-zA-Z")
                .replace("[:alnum:]", "a-zA-Z0-9");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (i + 2 < s.length() && s.charAt(i + 1) == '-' && s.charAt(i + 2) >= c) {
                for (char x = c; x <= s.charAt(i + 2) && sb.length() < 4096; x++) {
                    sb.append(x);
                }
                i += 2;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * The name mktemp prints: its directory and template are known, only the random letters are not. They are filled
     * with a token unique to this invocation, so a later {@code curl -o $f …; bash $f} is seen to use the same file.
     */
    private static Output mktemp(Invocation inv) {
        String dir = null;
        String template = null;
        boolean inTmp = false;
        for (int i = 1; i < inv.size(); i++) {
            String t = inv.arg(i).text();
            if (t.equals("-p") || t.equals("--tmpdir")) {
                dir = i + 1 < inv.size() ? inv.arg(++i).text() : "/tmp";
            } else if (t.startsWith("--tmpdir=")) {
                dir = t.substring("--tmpdir=".length());
            } else if (t.startsWith("-p") && t.length() > 2) {
                dir = t.substring(2);
            } else if (t.equals("-t") || t.matches("-[dqu]*t[dqu]*")) {
                inTmp = true;
            } else if (t.equals("--suffix")) {
                i++;
            } else if (!t.startsWith("-")) {
                template = t;
            }
        }
        if (dir != null || inTmp || template == null) {
            dir = dir == null || dir.isEmpty() ? "/tmp" : dir;
        }
        String name = template == null ? "tmp.XXXXXXXXXX" : template;
        if (dir != null && name.contains("/") && !inTmp) {
            dir = null; // mktemp -p is ignored for a template with a directory part
        }
        if (dir != null) {
            name = (dir.endsWith("/") ? dir : dir + "/") + name.substring(name.lastIndexOf('/') + 1);
        }
        int x = name.length();
        while (x > 0 && name.charAt(x - 1) == 'X') {
            x--;
        }
        String unique = "mktemp" + inv.start() + "x" + inv.end();
        String path = name.substring(0, x) + unique;
        if (!path.chars().allMatch(c -> c >= 0x20 && c < 0x7f)
                || !inv.argv().stream().allMatch(Arg::resolved)) {
            return new Output(null, Origin.LOCAL);
        }
        return new Output(path + "\n", Origin.LOCAL);
    }
}
