package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Arg;
import io.clituner.guardrails.internal.expand.Sentinels;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Listings of the machine's disks: {@code lsblk -dno NAME} prints one block-device name per line ({@code -p}: its
 * path). A loop that reads them ({@code lsblk -dno NAME | while read d; do dd … of=/dev/$d; done},
 * {@code for d in $(lsblk -dno name)}) acts on every disk, so each name stands for the glob {@code sd*}: the disk
 * rules then judge {@code of=/dev/sd*} as they judge a literal disk.
 */
final class DeviceListing {
    private DeviceListing() {}

    /** What one line of this listing is (a glob over disk names or paths), or null when it is not a name listing. */
    static @Nullable String names(Invocation up) {
        if (!up.name().equals("lsblk")) {
            return null;
        }
        boolean nameOnly = false;
        boolean paths = up.hasOption('p', "--paths");
        for (int i = 1; i < up.size(); i++) {
            String t = up.arg(i).text();
            Arg next = i + 1 < up.size() ? up.arg(i + 1) : null;
            String cols = t.startsWith("--output=")
                    ? t.substring(9)
                    : t.startsWith("-o") && t.length() > 2
                            ? t.substring(2)
                            : (t.equals("-o")
                                                    || t.equals("--output")
                                                    || (!t.startsWith("--") && t.startsWith("-") && t.endsWith("o")))
                                            && next != null
                                    ? next.text()
                                    : null;
            if (cols != null) {
                String c = cols.toUpperCase(Locale.ROOT);
                nameOnly = c.equals("NAME") || c.equals("PATH") || c.equals("KNAME");
                paths |= c.equals("PATH");
            }
        }
        if (!nameOnly) {
            return null;
        }
        String star = String.valueOf(Sentinels.STAR);
        return paths ? "/dev/sd" + star : "sd" + star;
    }
}
