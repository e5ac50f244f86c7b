package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Arg;
import io.clituner.guardrails.internal.expand.BashNames;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An archive extracted without a directory option lands in the working directory: once a {@code cd} has made that
 * directory known, the extraction is spelled with the program's own directory option ({@code cd / && tar xf a.tar} is
 * {@code tar xf a.tar -C /}, {@code cpio -i} gets {@code -D}, {@code unzip} gets {@code -d}), so the rules judge where
 * the members really land.
 */
public final class ExtractionDir {
    private ExtractionDir() {}

    /** Appends the working directory as the extraction directory when argv extracts an archive without one. */
    public static void spellOut(List<Arg> argv, String cwd) {
        if (argv.isEmpty() || !argv.get(0).resolved()) {
            return;
        }
        String n = BashNames.basename(argv.get(0).text());
        String option = switch (n) {
            case "tar", "gtar", "bsdtar" ->
                tarExtracts(argv) && !has(argv, "-C", "--directory") ? "--directory=" : null;
            case "cpio" -> has(argv, "-i", "--extract") && !has(argv, "-D", "--directory") ? "--directory=" : null;
            case "unzip" ->
                !has(argv, "-d", null) && !has(argv, "-l", null) && !has(argv, "-t", null) && !has(argv, "-Z", null)
                        ? "-d"
                        : null;
            default -> null;
        };
        if (option != null && n.endsWith("tar") && !argv.get(1).text().startsWith("-")) {
            argv.set(
                    1,
                    argv.get(1).withText("-" + argv.get(1).text())); // "tar xf A" is "tar -xf A": an option, not a path
        }
        if (option != null) {
            Arg last = argv.get(argv.size() - 1);
            if (option.equals("-d")) {
                argv.add(last.withText("-d"));
                argv.add(Arg.literal(cwd, last.end(), last.end()));
            } else {
                argv.add(Arg.literal(option + cwd, last.end(), last.end()));
            }
        }
    }

    private static boolean tarExtracts(List<Arg> argv) {
        if (argv.size() > 1
                && !argv.get(1).text().startsWith("-")
                && argv.get(1).text().matches("[A-Za-z]*x[A-Za-z]*")) {
            return true;
        }
        return has(argv, "-x", "--extract") || has(argv, null, "--get");
    }

    /** A short option (alone or in a cluster) or a long option (alone or with =VALUE) before "--". */
    private static boolean has(List<Arg> argv, @Nullable String shortOpt, @Nullable String longOpt) {
        for (int i = 1; i < argv.size(); i++) {
            String t = argv.get(i).text();
            if (t.equals("--")) {
                return false;
            }
            if (longOpt != null && (t.equals(longOpt) || t.startsWith(longOpt + "="))) {
                return true;
            }
            if (shortOpt != null && !t.startsWith("--") && t.startsWith("-") && t.indexOf(shortOpt.charAt(1), 1) > 0) {
                return true;
            }
        }
        return false;
    }
}
