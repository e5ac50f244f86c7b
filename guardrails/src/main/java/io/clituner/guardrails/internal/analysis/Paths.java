package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Arg;
import io.clituner.guardrails.internal.expand.Env;
import io.clituner.guardrails.internal.expand.GlobMatch;
import io.clituner.guardrails.internal.expand.Origin;
import io.clituner.guardrails.internal.expand.Sentinels;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Classifies paths the way the rules need: system-critical trees, block devices, secrets,
 * authentication files, logs and start-up files. Works on sentinel patterns, so a glob or a
 * partly unknown path is judged by what it could match.
 */
public final class Paths {
    private Paths() {}

    /** Deleting, re-owning or re-permissioning one of these (or all of its contents) breaks the system or loses a home. */
    public static final List<String> CRITICAL = List.of(
            "/",
            "/bin",
            "/boot",
            "/dev",
            "/etc",
            "/home",
            "/lib",
            "/lib32",
            "/lib64",
            "/libx32",
            "/opt",
            "/proc",
            "/root",
            "/run",
            "/sbin",
            "/srv",
            "/sys",
            "/usr",
            "/var",
            "/snap",
            "/media",
            "/mnt",
            "/usr/bin",
            "/usr/sbin",
            "/usr/lib",
            "/usr/lib64",
            "/usr/share",
            "/usr/include",
            "/usr/libexec",
            "/var/lib",
            "/var/log",
            "/var/spool",
            "/var/backups",
            "/var/mail",
            "/etc/ssh",
            "/etc/ssl",
            "/etc/pam.d",
            "/etc/sudoers.d",
            "/etc/systemd",
            "/etc/init.d",
            "/boot/efi",
            "/sys/firmware/efi/efivars",
            "/boot/grub",
            "/var/lib/mysql",
            "/var/lib/postgresql",
            "/var/lib/dpkg",
            "/var/lib/rpm",
            "/var/lib/apt",
            Env.HOME,
            Env.HOME + "/.ssh",
            Env.HOME + "/.gnupg",
            Env.HOME + "/.aws",
            Env.HOME + "/.config",
            Env.HOME + "/.local",
            Env.HOME + "/Documents",
            Env.HOME + "/Desktop",
            "/root/.ssh",
            "/System",
            "/Users",
            "/Library",
            "/Applications",
            "/private");

    /** In the pattern lists below: any run of characters, across directories. */
    private static final char ANY = Sentinels.UNKNOWN;

    /** Files whose modification grants or removes access. */
    public static final List<String> AUTH_FILES = List.of(
            "/etc/passwd",
            "/etc/shadow",
            "/etc/group",
            "/etc/gshadow",
            "/etc/sudoers",
            "/etc/sudoers.d/" + ANY,
            "/etc/pam.d/" + ANY,
            "/etc/ld.so.preload",
            "/etc/security/" + ANY,
            "/etc/master.passwd",
            "/etc/doas.conf",
            "/etc/passwd-",
            "/etc/shadow-");

    /** Secrets inside a home directory: worth stealing from the user's home, root's, or any under /home. */
    private static final List<String> HOME_SECRETS = List.of(
            "/.ssh",
            "/.ssh/" + ANY,
            "/.aws" + ANY,
            "/.gnupg" + ANY,
            "/.kube" + ANY,
            "/.docker/config.json",
            "/.netrc",
            "/.pgpass",
            "/.git-credentials",
            "/.bash_history",
            "/.zsh_history",
            "/.config/gcloud" + ANY,
            "/.azure" + ANY,
            "/.password-store" + ANY,
            "/.vault-token",
            "/.my.cnf",
            "/.npmrc",
            "/.pypirc",
            "/.terraform.d/credentials.tfrc.json");

    /** Readable secrets or whole trees worth stealing. */
    public static final List<String> SECRETS = java.util.stream.Stream.concat(
                    java.util.stream.Stream.of(
                            "/etc/shadow",
                            "/etc/passwd",
                            "/etc/gshadow",
                            "/etc/sudoers",
                            "/etc/master.passwd",
                            "/etc/ssl/private",
                            "/etc/ssl/private/" + ANY,
                            "/etc/ssh/ssh_host_" + ANY,
                            ANY + "/id_rsa",
                            ANY + "/id_ed25519",
                            ANY + "/id_ecdsa",
                            ANY + "/id_dsa",
                            "/var/lib/mysql",
                            "/var/lib/postgresql",
                            "/etc",
                            "/root",
                            "/home",
                            Env.HOME,
                            "/etc/kubernetes/admin.conf",
                            "/var/lib/jenkins/secrets" + ANY,
                            "/proc/" + ANY + "/environ"),
                    HOME_SECRETS.stream()
                            .flatMap(s -> java.util.stream.Stream.of(Env.HOME + s, "/root" + s, "/home/" + ANY + s)))
            .toList();

    /** Files read at login, by cron or by init: writing code here runs it later. */
    public static final List<String> STARTUP = List.of(
            Env.HOME + "/.bashrc",
            Env.HOME + "/.bash_profile",
            Env.HOME + "/.bash_login",
            Env.HOME + "/.profile",
            Env.HOME + "/.zshrc",
            Env.HOME + "/.zprofile",
            Env.HOME + "/.zshenv",
            Env.HOME + "/.zlogin",
            Env.HOME + "/.bash_logout",
            Env.HOME + "/.config/fish/config.fish",
            "/root/.bashrc",
            "/root/.profile",
            "/etc/profile",
            "/etc/profile.d/" + ANY,
            "/etc/bash.bashrc",
            "/etc/bashrc",
            "/etc/zsh/" + ANY,
            "/etc/environment",
            "/etc/crontab",
            "/etc/cron." + ANY,
            "/var/spool/cron/" + ANY,
            "/etc/systemd/system/" + ANY,
            "/lib/systemd/system/" + ANY,
            "/usr/lib/systemd/system/" + ANY,
            Env.HOME + "/.config/systemd/user/" + ANY,
            "/etc/rc.local",
            "/etc/init.d/" + ANY,
            Env.HOME + "/.config/autostart/" + ANY,
            "/etc/xdg/autostart/" + ANY,
            Env.HOME + "/.ssh/authorized_keys",
            "/root/.ssh/authorized_keys",
            Env.HOME + "/.ssh/rc",
            "/etc/update-motd.d/" + ANY,
            Env.HOME + "/.xinitrc",
            Env.HOME + "/.xprofile",
            "/etc/udev/rules.d/" + ANY,
            "/etc/rc.d/" + ANY,
            "/Library/LaunchDaemons/" + ANY,
            Env.HOME + "/Library/LaunchAgents/" + ANY,
            Env.HOME + "/.bash_aliases",
            "/root/.bash_aliases",
            "/root/.zshrc",
            "/root/.bash_profile",
            Env.HOME + "/.config/fish/conf.d/" + ANY,
            ANY + "/.git/hooks/" + ANY,
            ".git/hooks/" + ANY,
            "/etc/cron.allow",
            "/etc/anacrontab",
            "/var/spool/anacron/" + ANY,
            Env.HOME + "/.config/environment.d/" + ANY,
            "/etc/ld.so.conf.d/" + ANY);

    /** Binary login records: overwriting them forges or erases who logged in. */
    public static final List<String> LOGIN_RECORDS = List.of(
            "/var/log/wtmp",
            "/var/log/btmp",
            "/var/log/lastlog",
            "/var/run/utmp",
            "/run/utmp",
            "/var/log/auth.log",
            "/var/log/secure");

    public static final List<String> LOGS = List.of(
            "/var/log",
            "/var/log/" + ANY,
            "/var/run/utmp",
            "/run/utmp",
            "/var/adm/" + ANY,
            Env.HOME + "/.bash_history",
            Env.HOME + "/.zsh_history",
            Env.HOME + "/.history",
            "/root/.bash_history",
            Env.HOME + "/.local/share/fish/fish_history",
            Env.HOME + "/.python_history",
            Env.HOME + "/.mysql_history",
            Env.HOME + "/.lesshst",
            Env.HOME + "/.viminfo");

    /** Collapses "//", "/./" and ".." (never above "/") and trailing slashes, keeping sentinels. */
    public static String normalize(String p) {
        if (p.isEmpty() || p.charAt(0) != '/') {
            return p;
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String seg : p.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                parts.pollLast();
                continue;
            }
            parts.addLast(seg);
        }
        if (parts.isEmpty()) {
            return "/";
        }
        StringBuilder sb = new StringBuilder();
        for (String s : parts) {
            sb.append('/').append(s);
        }
        return sb.toString();
    }

    /**
     * Where a path lies relative to the working tree the command runs in. Modifying {@link #TREE} paths is
     * confined to the project; everything else deserves a look, whatever the program.
     */
    public enum Place {
        /** A relative path inside the working tree ("build", "./dist", "*.log", "src/x"). */
        TREE,
        /** The working tree itself or everything in it (".", "*", "./*"): the directory is unknown, could be ~ or /. */
        WHOLE_TREE,
        /** Under a scratch directory (/tmp, /var/tmp, /dev/shm). */
        TEMP,
        /** In the user's home directory (outside the working tree). */
        HOME,
        /** Any other absolute path. */
        SYSTEM,
        /** Climbs out of the working tree with "..". */
        PARENT,
        /** Built from a value not known before run time. */
        UNKNOWN;

        public boolean inTree() {
            return this == TREE;
        }
    }

    private static final List<String> TEMP_DIRS = List.of("/tmp", "/var/tmp", "/dev/shm");

    /** Classifies one path operand (see {@link Place}). */
    public static Place place(Arg a) {
        String t = a.text();
        if (a.hasUnknown() || t.isEmpty()) {
            return Place.UNKNOWN;
        }
        if (t.startsWith(Env.HOME)) {
            return Place.HOME;
        }
        if (t.startsWith("/")) {
            String n = normalize(t);
            for (String d : TEMP_DIRS) {
                if (n.startsWith(d + "/")) {
                    return Place.TEMP;
                }
            }
            return Place.SYSTEM;
        }
        if (t.startsWith("~")) {
            return Place.HOME; // ~user: another user's home
        }
        Deque<String> stack = new ArrayDeque<>();
        for (String seg : t.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                if (stack.pollLast() == null) {
                    return Place.PARENT;
                }
                continue;
            }
            stack.addLast(seg);
        }
        // "*", ".*" or "*/*" name everything in the tree, not a subset of it
        String star = String.valueOf(Sentinels.STAR);
        for (String seg : stack) {
            if (!seg.equals(star) && !seg.equals("." + star)) {
                return Place.TREE;
            }
        }
        return Place.WHOLE_TREE;
    }

    /**
     * The place an operand of a find/xargs action touches: a filtered walk ({@code find . -name '*.tmp'}) only
     * reaches some files inside its root, so a walk of the working tree is confined to it.
     */
    public static Place place(Invocation inv, Arg a) {
        Place p = place(a);
        String root = inv.treePath();
        if (p == Place.WHOLE_TREE && root != null && inv.treeFiltered()) {
            return place(Arg.literal(root, 0, 0)) == Place.WHOLE_TREE ? Place.TREE : p;
        }
        return p;
    }

    /** Re-owning or re-permissioning these breaks the system (the user's own home is left to review). */
    public static boolean criticalForPermissions(Arg a) {
        if (critical(a) != Critical.YES) {
            return false;
        }
        String t = normalize(a.text());
        return !t.startsWith(Env.HOME);
    }

    /** How sure we are that a path names a critical tree. */
    public enum Critical {
        NO,
        IF_EMPTY,
        YES
    }

    public static Critical critical(Arg a) {
        String t = a.text();
        if (a.hasUnknown()) {
            String n = normalize(t);
            if (n.startsWith("/") && n.indexOf(Sentinels.UNKNOWN) < 0) {
                return isCriticalPattern(n)
                        ? Critical.YES
                        : Critical.NO; // "/$(whoami)/..": the unknown part is climbed out of
            }
            if (a.origin() == Origin.NETWORK && couldMatchAny(n, CRITICAL)) {
                return Critical.YES;
            }
            String skeleton = t.replace(String.valueOf(Sentinels.UNKNOWN), "");
            if (skeleton.startsWith("/") && isCriticalPattern(normalize(skeleton))) {
                return Critical.IF_EMPTY;
            }
            return Critical.NO;
        }
        return isCriticalPattern(normalize(t)) || dotDotEscape(t) ? Critical.YES : Critical.NO;
    }

    /** A pattern that names a critical path itself, or everything directly inside one. */
    public static boolean isCriticalPattern(String p) {
        if (!p.startsWith("/")) {
            return false;
        }
        for (String c : CRITICAL) {
            if (GlobMatch.matches(p, c)) {
                return true;
            }
            String prefix = c.equals("/") ? "/" : c + "/";
            if (p.startsWith(prefix)) {
                String rest = p.substring(prefix.length());
                if (rest.equals(String.valueOf(Sentinels.STAR))
                        || rest.equals("." + Sentinels.STAR)
                        || rest.equals(Sentinels.STAR + "." + Sentinels.STAR)
                        || rest.equals(Sentinels.STAR + "/")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** "../.." and deeper: from an unknown working directory this climbs towards "/" or the home directory. */
    public static boolean dotDotEscape(String t) {
        if (t.startsWith("/")) {
            return false;
        }
        int ups = 0;
        for (String seg : t.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (!seg.equals("..") && !seg.equals(String.valueOf(Sentinels.STAR))) {
                return false;
            }
            if (seg.equals("..")) {
                ups++;
            }
        }
        return ups >= 2;
    }

    public static boolean couldMatchAny(String pattern, List<String> paths) {
        for (String c : paths) {
            if (GlobMatch.matches(pattern, c)) {
                return true;
            }
        }
        return false;
    }

    /** A secret file or a whole tree worth stealing. */
    public static boolean isSecret(Arg a) {
        String t = a.text();
        if (t.endsWith(".pub") || t.endsWith("/known_hosts") || t.endsWith("/authorized_keys")) {
            return false; // public material
        }
        if (SECRETS_NEED_SLASH && t.indexOf('/') < 0 && a.resolved()) {
            return Secrets.secret(
                    a); // checked for every operand of every command: a plain word is only a secret by name
        }
        return matchesAny(a, SECRETS) || Secrets.secret(a);
    }

    /** Every secret pattern holds a literal '/', which any resolved path it matches must hold too. */
    private static final boolean SECRETS_NEED_SLASH =
            SECRETS.stream().allMatch(p -> p.indexOf('/') >= 0 && p.indexOf(Sentinels.LBRACKET) < 0);

    /** True when the argument (or any path it could match) matches one of the patterns. */
    public static boolean matchesAny(Arg a, List<String> patterns) {
        if (a.hasUnknown() && a.origin() != Origin.NETWORK) {
            return false; // an unknown path is judged by the rules for unknown targets, not guessed into a secret
        }
        String p = normalize(a.text());
        boolean resolved = a.resolved();
        // Every literal character of a pattern must occur in a resolved path it matches: a word without
        // '/' (most arguments) skips the slash-bearing patterns without running the matcher.
        boolean slashless = resolved && p.indexOf('/') < 0;
        for (String pat : patterns) {
            if (slashless && pat.indexOf('/') >= 0 && pat.indexOf(Sentinels.LBRACKET) < 0) {
                continue;
            }
            if (GlobMatch.matches(pat, p) || (!resolved && GlobMatch.matches(p, unglob(pat)))) {
                return true;
            }
        }
        return false;
    }

    /** Patterns with their unknown parts as one letter, computed once: matchesAny asks for them on every unresolved path. */
    private static final java.util.Map<String, String> UNGLOBBED = new java.util.concurrent.ConcurrentHashMap<>();

    private static String unglob(String pat) {
        return UNGLOBBED.computeIfAbsent(pat, p -> p.replace(String.valueOf(ANY), "x"));
    }

    /** A block device or raw memory, or a pattern that could name one ({@link BlockDevices#block}). */
    public static boolean blockDevice(Arg a) {
        return BlockDevices.block(a);
    }

    /** A block device by name (for redirections and copies, where odd /dev names are usually placeholders). */
    public static boolean knownBlockDevice(Arg a) {
        return BlockDevices.known(a);
    }

    /** /dev/X where X is unknown: a device chosen at run time. */
    public static boolean maybeBlockDevice(Arg a) {
        return BlockDevices.maybe(a);
    }

    public static boolean network(Arg a) {
        return a.startsWith("/dev/tcp/") || a.startsWith("/dev/udp/");
    }
}
