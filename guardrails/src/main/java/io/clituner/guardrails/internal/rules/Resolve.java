package io.clituner.guardrails.internal.rules;

import io.clituner.guardrails.internal.analysis.Paths;
import io.clituner.guardrails.internal.expand.Arg;
import io.clituner.guardrails.internal.expand.Env;
import io.clituner.guardrails.internal.expand.GlobMatch;
import io.clituner.guardrails.internal.expand.Sentinels;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a path names once spelled the way the system reads it: a whole home directory under another name
 * ({@code /home/alice}, {@code ~bob}, {@code /Users/eve}, {@code /root}), a relative path that climbs to {@code /}
 * from any plausible working directory, a system library or binary tree, a file the machine needs to boot or let
 * anyone log in.
 */
public final class Resolve {
    private Resolve() {}

    /**
     * Leading ".." components that reach "/" from any plausible working directory: project trees sit a handful of
     * levels below "/" ({@code /home/u/src/app}), and ".." at "/" stays at "/".
     */
    static final int CLIMB_TO_ROOT = 5;

    /** Directories whose direct children are home directories (Linux, BSD, macOS, Solaris, image-based Fedora). */
    private static final Pattern HOME_DIR = Pattern.compile(
            "/(home|Users|export/home|var/home|usr/home)/[^/\\x{E000}]+(/[\\x{E001}]|/\\.[\\x{E001}]|/[\\x{E001}]\\.[\\x{E001}])?");

    /** The resolved text of a path: a deep relative climb becomes the absolute path it reaches, anything else as is. */
    public static String absolute(Arg a) {
        String t = a.text();
        if (t.isEmpty() || t.charAt(0) == '~') {
            return t;
        }
        if (t.charAt(0) == '/') {
            return Paths.normalize(t);
        }
        String[] segs = t.split("/");
        int ups = 0;
        int k = 0;
        for (; k < segs.length; k++) {
            if (segs[k].equals("..")) {
                ups++;
            } else if (!segs[k].isEmpty() && !segs[k].equals(".")) {
                break;
            }
        }
        if (ups < CLIMB_TO_ROOT) {
            return t;
        }
        return Paths.normalize("/" + String.join("/", java.util.Arrays.copyOfRange(segs, k, segs.length)));
    }

    /**
     * A whole home directory (or everything in it) named by path: {@code /home/NAME}, {@code /Users/NAME},
     * {@code /root}, {@code ~NAME}, {@code ~}, with or without a trailing {@code /*}.
     */
    public static boolean wholeHome(Arg a) {
        if (a.hasUnknown()) {
            return false;
        }
        String t = absolute(a);
        if (t.startsWith("~")) {
            String rest = t.substring(1);
            int slash = rest.indexOf('/');
            String tail = slash < 0 ? "" : rest.substring(slash);
            String user = slash < 0 ? rest : rest.substring(0, slash);
            return !user.contains(String.valueOf(Sentinels.STAR))
                    && (tail.isEmpty()
                            || tail.equals("/")
                            || tail.equals("/" + Sentinels.STAR)
                            || tail.equals("/." + Sentinels.STAR));
        }
        if (!t.startsWith("/")) {
            return false;
        }
        String n = Paths.normalize(t);
        if (n.equals(Env.HOME)
                || n.equals("/root")
                || n.equals("/root/" + Sentinels.STAR)
                || n.equals(Env.HOME + "/" + Sentinels.STAR)) {
            return true;
        }
        if (HOME_DIR.matcher(n).matches()) {
            return true;
        }
        // everything (or every hidden entry) in a home: /home/u/.[!.]*, /home/u/{*,.*} — a last segment of glob syntax
        // only
        int slash = n.lastIndexOf('/');
        return slash > 0
                && n.indexOf(Sentinels.STAR, slash) > 0
                && HOME_DIR.matcher(n.substring(0, slash)).matches()
                && n.substring(slash + 1)
                        .chars()
                        .allMatch(c -> c == '.' || c == '!' || c == '^' || c == ']' || Sentinels.isSentinel((char) c));
    }

    /** Trees of system libraries and programs: deleting one of them, or a directory directly in one, breaks the system. */
    private static final List<String> SOFTWARE_TREES = List.of(
            "/lib",
            "/lib32",
            "/lib64",
            "/libx32",
            "/usr/lib",
            "/usr/lib32",
            "/usr/lib64",
            "/usr/libx32",
            "/usr/libexec",
            "/bin",
            "/sbin",
            "/usr/bin",
            "/usr/sbin",
            "/usr/share",
            "/usr/include",
            "/lib/modules",
            "/usr/lib/modules");

    /** A system library or binary tree, or a directory (or file) directly inside one ({@code /usr/lib/python3}). */
    public static boolean systemSoftware(Arg a) {
        if (a.hasUnknown()) {
            return false;
        }
        String n = absolute(a);
        if (!n.startsWith("/")) {
            return false;
        }
        n = Paths.normalize(n);
        for (String tree : SOFTWARE_TREES) {
            if (n.equals(tree) || (n.startsWith(tree + "/") && n.indexOf('/', tree.length() + 1) < 0)) {
                return true;
            }
        }
        // a multiarch library directory (/usr/lib/x86_64-linux-gnu) and the shared objects directly in it
        return n.matches("/(usr/)?lib(32|64|x32)?/[a-z0-9_]+-linux-gnu[a-z]*(/[^/]+\\.so(\\.[0-9.]+)?)?");
    }

    /** Files the machine needs to boot, mount its disks or let anyone log in: emptying one locks everyone out. */
    static final List<String> BOOT_CRITICAL = List.of(
            "/etc/fstab",
            "/etc/crypttab",
            "/etc/default/grub",
            "/boot/grub/grub.cfg",
            "/boot/grub2/grub.cfg",
            "/boot/grub/grubenv",
            "/boot/grub2/grubenv",
            "/boot/efi/EFI/" + Sentinels.UNKNOWN,
            "/boot/loader/loader.conf",
            "/boot/loader/entries/" + Sentinels.UNKNOWN,
            "/etc/inittab",
            "/etc/nsswitch.conf",
            "/etc/passwd",
            "/etc/shadow",
            "/etc/group",
            "/etc/gshadow",
            "/etc/sudoers",
            "/etc/pam.d/" + Sentinels.UNKNOWN,
            "/etc/ld.so.conf",
            "/etc/ld.so.cache",
            "/etc/login.defs",
            "/etc/security/limits.conf",
            "/etc/kernel/cmdline",
            "/etc/mkinitcpio.conf",
            "/etc/dracut.conf",
            "/etc/systemd/system.conf");

    /** One of {@link #BOOT_CRITICAL}, also when reached by a relative climb or a glob that can only name it. */
    public static boolean bootCritical(Arg a) {
        if (a.hasUnknown()) {
            return false;
        }
        String n = absolute(a);
        if (!n.startsWith("/etc/") && !n.startsWith("/boot/") && !n.contains("/../")) {
            return false; // every file of the list is under /etc or /boot
        }
        n = Paths.normalize(n);
        for (String f : BOOT_CRITICAL) {
            if (a.resolved() ? GlobMatch.matches(f, n) : GlobMatch.matches(n, f.replace(Sentinels.UNKNOWN, 'x'))) {
                return true;
            }
        }
        return false;
    }

    /** Log directories of the system itself under /var/log (the other subdirectories belong to one application). */
    private static final java.util.Set<String> SYSTEM_LOG_DIRS =
            java.util.Set.of("audit", "journal", "sa", "sysstat", "private", "installer");

    /** The paths less the files of one application's own log directory ({@code /var/log/nginx/access.log}). */
    public static List<Arg> withoutApplicationLogs(List<Arg> paths) {
        List<Arg> out = new java.util.ArrayList<>(paths.size());
        for (Arg a : paths) {
            String[] seg = a.resolved() ? Paths.normalize(a.text()).split("/") : new String[0];
            boolean appLog = seg.length >= 5
                    && seg[1].equals("var")
                    && seg[2].equals("log")
                    && !SYSTEM_LOG_DIRS.contains(seg[3]);
            if (!appLog) {
                out.add(a);
            }
        }
        return out;
    }
}
