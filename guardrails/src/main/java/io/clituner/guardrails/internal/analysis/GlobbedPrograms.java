package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Arg;
import io.clituner.guardrails.internal.expand.Origin;
import io.clituner.guardrails.internal.expand.Sentinels;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A program named by a glob ({@code /u?r/b?n/cu?l}, {@code /usr/bin/b?se64 -d}) prints what the programs it can match
 * print: if it can be a network client its output is downloaded data, if it can be a decoder its output is decoded.
 * The next stage of the pipe then judges that origin ({@code /u?r/b?n/cu?l -s URL | sh} is a download run by a shell).
 */
final class GlobbedPrograms {
    private GlobbedPrograms() {}

    /** Network clients and decoders, in a fixed order (the most hostile output of those the glob matches wins). */
    private static final List<String> PRODUCERS = new ArrayList<>(new TreeSet<>(union()));

    private static List<String> union() {
        List<String> all = new ArrayList<>(Programs.NETWORK);
        all.addAll(Programs.DECODERS);
        return all;
    }

    private static final String[] DIRS = {"", "/bin/", "/usr/bin/", "/usr/local/bin/", "/sbin/", "/usr/sbin/"};

    /** The output of the program a glob names, when it can be a network client or a decoder; else null. */
    static Producers.@Nullable Output output(Invocation inv) {
        Arg a0 = inv.arg(0);
        String t = a0.text();
        if (a0.resolved()
                || t.indexOf(Sentinels.UNKNOWN) >= 0
                || (t.indexOf(Sentinels.STAR) < 0
                        && t.indexOf(Sentinels.QMARK) < 0
                        && t.indexOf(Sentinels.LBRACKET) < 0)) {
            return null; // a known name, a value not known at all, or no glob
        }
        Producers.Output best = null;
        for (String cand : PRODUCERS) {
            if (!matches(a0, cand)) {
                continue;
            }
            List<Arg> argv = new ArrayList<>(inv.argv());
            argv.set(0, a0.withText(cand));
            Producers.Output o = Producers.output(inv.withArgv(argv));
            if (best == null || o.origin().compareTo(best.origin()) > 0) {
                best = o;
            }
            if (best.origin() == Origin.NETWORK) {
                break;
            }
        }
        return best;
    }

    private static boolean matches(Arg a0, String program) {
        for (String dir : DIRS) {
            if (a0.couldBe(dir + program)) {
                return true;
            }
        }
        return false;
    }
}
