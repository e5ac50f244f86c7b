package io.clituner.guardrails.internal.rules;

import io.clituner.guardrails.internal.analysis.Invocation;
import io.clituner.guardrails.internal.analysis.Paths;
import io.clituner.guardrails.internal.expand.Arg;
import io.clituner.guardrails.internal.expand.Origin;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Deletions and overwrites judged on what their paths resolve to ({@link Resolve}): a whole home directory by any
 * name, a relative climb to a system tree, a system library or binary tree, a file the machine needs to boot.
 */
final class ResolvedPathRules {
    private ResolvedPathRules() {}

    private static final Set<String> DELETERS = Set.of("rm", "unlink", "srm", "trash", "trash-put", "gio", "rmdir");

    /** Trees whose direct children are system libraries: deleting one breaks every program that links it. */
    private static final Set<String> LIBRARY_TREES = Set.of(
            "/lib",
            "/lib32",
            "/lib64",
            "/libx32",
            "/usr/lib",
            "/usr/lib32",
            "/usr/lib64",
            "/usr/libx32",
            "/usr/libexec");

    private static boolean sweeping(Invocation inv) {
        return DeletionRules.recursive(inv)
                || inv.hasOption('f', "--force")
                || inv.operands().stream().anyMatch(Arg::isGlob);
    }

    /** A deletion target that resolves to a critical tree only once its relative climb is resolved. */
    private static @Nullable String climbedCritical(Arg a) {
        String abs = Resolve.absolute(a);
        if (abs.equals(a.text()) || !abs.startsWith("/")) {
            return null;
        }
        return Paths.critical(a.withText(abs)) == Paths.Critical.YES ? a.display() + " (= " + abs + ")" : null;
    }

    /** A system library tree, a directory directly in one, or a shared object of a multiarch library directory. */
    private static boolean libraryTree(Arg a) {
        if (!Resolve.systemSoftware(a)) {
            return false;
        }
        String n = Paths.normalize(Resolve.absolute(a));
        if (n.matches("/(usr/)?lib(32|64|x32)?/[a-z0-9_]+-linux-gnu[a-z]*(/.*)?")) {
            return true;
        }
        int slash = n.lastIndexOf('/');
        return LIBRARY_TREES.contains(n) || (slash > 0 && LIBRARY_TREES.contains(n.substring(0, slash)));
    }

    static @Nullable String homeOrSystem(Invocation inv) {
        if (!DELETERS.contains(inv.name())) {
            return null;
        }
        String tree = inv.treePath(); // non-null exactly on a tree walk
        if (tree != null) {
            Arg root = Arg.literal(tree, 0, 0);
            return !inv.treeFiltered() && Resolve.wholeHome(root) ? "every file under " + root.display() : null;
        }
        boolean sweeping = sweeping(inv);
        for (Arg a : inv.operands()) {
            if (sweeping && Resolve.wholeHome(a)) {
                return a.display() + " (a whole home directory)";
            }
            String climbed = sweeping ? climbedCritical(a) : null;
            if (climbed != null) {
                return climbed;
            }
            boolean so = Resolve.absolute(a).matches(".*\\.so(\\.[0-9.]+)?");
            if (((sweeping && DeletionRules.recursive(inv)) || so) && libraryTree(a)) {
                return a.display() + " (system libraries)";
            }
        }
        return null;
    }

    /** Programs whose operands or options {@link #bootFileTargets} inspects (besides truncating redirections). */
    static final Set<String> BOOT_WRITERS;

    static {
        Set<String> s = new java.util.HashSet<>(OutputFiles.PROGRAMS);
        s.addAll(
                Set.of("rm", "unlink", "shred", "srm", "wipe", "truncate", "mv", "cp", "ln", "install", "dd", "chmod"));
        BOOT_WRITERS = Set.copyOf(s);
    }

    /** Sources that leave the destination empty or with content from nowhere trusted. */
    private static boolean emptyOrUntrusted(Arg src) {
        String t = src.text();
        return t.equals("/dev/null")
                || t.equals("/dev/zero")
                || t.equals("/dev/urandom")
                || t.equals("/dev/random")
                || src.hasUnknown()
                || src.origin().compareTo(Origin.DECODED) >= 0
                || Paths.place(src) == Paths.Place.TEMP;
    }

    /** A chmod mode that leaves the owner unable to read the file (000, 0, a-r, u=, a-rwx). */
    static boolean unreadable(String mode) {
        if (mode.matches("0*[0-7]{1,3}")) {
            int m = Integer.parseInt(mode, 8);
            return (m >> 6 & 4) == 0;
        }
        for (String clause : mode.split(",")) {
            boolean owner = clause.matches("[ua]*[-=+].*"); // no "who", u or a: the owner's bits change
            if (owner && (clause.matches("[ua]*-[rwxXst]*r[rwxXst]*") || clause.matches("[ua]*=[wxXst]*"))) {
                return true;
            }
        }
        return false;
    }

    private static final java.util.regex.Pattern MODE =
            java.util.regex.Pattern.compile("[0-7]{1,4}|([ugoa]*[-+=][rwxXst]*)(,[ugoa]*[-+=][rwxXst]*)*");

    /**
     * The files a chmod leaves unreadable to their owner. The mode is the first argument shaped like one, also when it
     * starts with '-' ({@code chmod -r F}); mode 0000 is the hardened mode of the shadow files (CIS, RHEL), where root
     * reads them whatever the mode, so those are left out.
     */
    static List<Arg> unreadableTargets(Invocation inv) {
        List<Arg> args = inv.args();
        for (int i = 0; i < args.size(); i++) {
            String t = args.get(i).text();
            if (t.matches("-[Rvcf]+|--.*")) {
                continue;
            }
            if (!MODE.matcher(t).matches() || !unreadable(t)) {
                return List.of();
            }
            return args.subList(i + 1, args.size()).stream()
                    .filter(a -> !a.startsWith("-") && !a.text().matches("/etc/g?shadow-?"))
                    .toList();
        }
        return List.of();
    }

    /**
     * The boot-critical files this invocation empties, deletes, moves away, overwrites or makes unreadable: the files
     * it destroys ({@link SystemFileRules#destroyed}), less a copy from an ordinary file (restoring a backup) and
     * in-place edits, and for chmod the files it leaves unreadable.
     */
    static List<Arg> bootFileTargets(Invocation inv) {
        String n = inv.name();
        if (n.equals("chmod")) {
            return unreadableTargets(inv);
        }
        List<Arg> out = new ArrayList<>(SystemFileRules.destroyed(inv));
        List<Arg> ops = inv.operands();
        if (COPIERS.contains(n)
                && ops.size() >= 2
                && ops.subList(0, ops.size() - 1).stream().noneMatch(ResolvedPathRules::emptyOrUntrusted)) {
            out.remove(ops.get(ops.size() - 1));
        }
        if (n.equals("sed") || n.equals("gsed") || n.equals("perl")) {
            out.removeAll(ops); // in-place edits keep the file; only `w FILE` scripts replace one
        }
        return out;
    }

    private static final Set<String> COPIERS = Set.of("cp", "install", "ln");

    static List<Rule> rules() {
        return List.of(
                Rule.builder("delete.home-or-system-resolved")
                        .says(
                                "recursive or forced deletion of a whole home directory by any name (/home/NAME, ~NAME, /Users/NAME), "
                                        + "of a system library tree, or of a system tree reached by a relative climb to /")
                        .on(DELETERS.toArray(new String[0]))
                        .when(ResolvedPathRules::homeOrSystem)
                        .examples(
                                "rm -rf /home/alice",
                                "rm -rf ~bob",
                                "sudo rm -fr /Users/eve/",
                                "rm -rf /home/carol/*",
                                "find /home/dave -delete",
                                "rm -rf ../../../../../../../../etc",
                                "rm -rf /usr/lib/x86_64-linux-gnu",
                                "rm -rf /usr/lib/python3",
                                "rm -f /lib/x86_64-linux-gnu/libssl.so.3",
                                "rm -r /usr/libexec/sudo")
                        .counter(
                                "rm -rf /home/alice/project/build",
                                "rm -rf ~bob/tmp",
                                "rm -rf ../../build",
                                "rm -rf /usr/lib/jvm/java-8",
                                "rm /home/alice/notes.txt",
                                "find /home/alice -name '*.tmp' -delete",
                                "rm -rf /usr/local/lib/x",
                                "rm -rf /usr/share/doc/foo")
                        .build(),
                Rule.builder("destroy.boot-critical")
                        .says(
                                "emptying, deleting, moving away, overwriting or making unreadable a file the machine needs to boot, "
                                        + "mount its disks or let anyone log in (/etc/fstab, the bootloader config, /etc/passwd, /etc/shadow)")
                        .onAny(Rule.Gate.programsOrRedirect(BOOT_WRITERS))
                        .when(inv -> {
                            if (inv.treeWalk()) {
                                return null;
                            }
                            for (Arg a : bootFileTargets(inv)) {
                                if (Resolve.bootCritical(a)) {
                                    return a.display();
                                }
                            }
                            return null;
                        })
                        .examples(
                                "> /etc/fstab",
                                "echo > /etc/fstab",
                                "chmod 000 /etc/passwd",
                                "chmod a-rwx /etc/sudoers",
                                "cp /dev/null /etc/fstab",
                                "rm -f /etc/default/grub",
                                "sort -o /etc/passwd users.txt",
                                "dd if=/dev/zero of=/etc/fstab",
                                "tee /boot/grub/grub.cfg < /dev/null",
                                "truncate -s0 ../../../../../../../etc/fstab",
                                "sed -n 'w /etc/shadow' x.txt")
                        .counter(
                                "echo '/dev/sdb1 /data ext4 defaults 0 2' >> /etc/fstab",
                                "chmod 644 /etc/fstab",
                                "cp /etc/fstab /etc/fstab.bak",
                                "sudo grub-mkconfig -o /boot/grub/grub.cfg",
                                "sed -i 's/defaults/noatime/' /etc/fstab",
                                "chmod 640 /etc/shadow",
                                "cat /etc/fstab",
                                "cp fstab.new /etc/fstab",
                                "chmod go-r /etc/shadow",
                                "chmod 0000 /etc/shadow")
                        .build());
    }
}
