package io.clituner.guardrails.internal.rules;

import io.clituner.guardrails.internal.analysis.Invocation;
import io.clituner.guardrails.internal.analysis.Paths;
import io.clituner.guardrails.internal.expand.Arg;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Deleting, moving away, re-owning or re-permissioning system trees and the home directory. */
final class DeletionRules {
    /** A chmod mode that opens a tree to others or locks everyone out. */
    private static final Pattern WIDE_OPEN_MODE =
            Pattern.compile("0?[0-7][0-7][2367]|0?000|[ugoa]*[+=][rwx]*w[rwx]*|[ugoa]*-[rwx]*[rx][rwx]*");

    private static final Pattern TOP_LEVEL_DIR = Pattern.compile("/[^/]+");
    private static final Pattern SETUID_MODE = Pattern.compile("[ugoa]*\\+[rwx]*s[rwx]*|[4-7][0-7]{3}");

    private DeletionRules() {}

    static boolean recursive(Invocation inv) {
        return inv.treeWalk() || inv.hasOption('r', "--recursive") || inv.hasOption('R');
    }

    static @Nullable String criticalOperand(Invocation inv, Paths.Critical level) {
        for (Arg a : inv.operands()) {
            if (Paths.critical(a) == level) {
                return a.display();
            }
        }
        return null;
    }

    /** Programs that change the files they are given (the rest only read them). */
    static final java.util.Set<String> MODIFIERS = java.util.Set.of(
            "rm",
            "unlink",
            "shred",
            "srm",
            "wipe",
            "mv",
            "chmod",
            "chown",
            "chgrp",
            "chattr",
            "setfacl",
            "touch",
            "gzip",
            "bzip2",
            "xz",
            "lzma",
            "zstd",
            "pigz",
            "compress",
            "truncate",
            "sed",
            "gsed",
            "dd",
            "tee",
            "ln",
            "rename",
            "prename",
            "mogrify",
            "strip",
            "install",
            "sh",
            "bash",
            "dash",
            "zsh",
            "ksh",
            "perl",
            "python",
            "python3",
            "ruby",
            "cp");

    static final java.util.Set<String> DELETERS = java.util.Set.of("rm", "unlink", "shred", "srm", "wipe", "truncate");

    private static String Sentinels_display(String s) {
        return io.clituner.guardrails.internal.expand.Sentinels.display(s);
    }

    /** "/" or a top-level system directory (not the user's home). */
    static boolean systemRoot(String path) {
        String root = Paths.normalize(path);
        return root.equals("/") || (TOP_LEVEL_DIR.matcher(root).matches() && Paths.CRITICAL.contains(root));
    }

    static boolean modifies(Invocation inv) {
        String n = inv.name();
        if (!MODIFIERS.contains(n)) {
            return (n.equals("rsync") && inv.hasOption('\0', "--remove-source-files", "--delete"))
                    || (n.equals("tar") && inv.hasOption('\0', "--remove-files"));
        }
        if (n.equals("cp")) {
            return false;
        }
        if (n.equals("perl") || n.equals("ruby")) {
            return inv.hasOption('i');
        }
        return true;
    }

    static List<Rule> rules() {
        return List.of(
                deleteSystemPath(),
                deleteMirrorOverSystemPath(),
                deleteNoPreserveRoot(),
                deleteSystemPathIfEmpty(),
                deleteMoveSystemPath(),
                permSystemRecursive(),
                permRoot(),
                permSetuidShell(),
                findModifySystemTree());
    }

    private static Rule deleteSystemPath() {
        return Rule.builder("delete.system-path")
                .says("recursive, forced or wildcard deletion of /, a top-level system directory or the home directory")
                .on("rm", "unlink", "srm", "trash", "trash-put", "gio")
                .when(inv -> {
                    String hit = recursive(inv)
                                    || inv.hasOption('f', "--force")
                                    || inv.operands().stream().anyMatch(Arg::isGlob)
                            ? criticalOperand(inv, Paths.Critical.YES)
                            : null;
                    String tree = inv.treePath(); // non-null exactly on a tree walk
                    if (hit != null
                            && tree != null
                            && inv.treeFiltered()
                            && !systemRoot(tree)
                            && hit.startsWith(Sentinels_display(tree))) {
                        return null; // deleting matching files in the home tree: reviewed, not blocked
                    }
                    return hit;
                })
                .examples(
                        "rm -rf /",
                        "sudo rm -rf --no-preserve-root /",
                        "rm -rf ~",
                        "rm -fr $HOME",
                        "r''m -rf /etc",
                        "a=rm; $a -rf /usr",
                        "rm -rf /tmp/../etc",
                        "rm -r -f ~/",
                        "rm /etc/*",
                        "rm -rf {/bin,/lib}",
                        "rm -rf ../../..",
                        "rm -rf /home/*",
                        "rm -rf ~/.ssh",
                        "ls / | while read d; do rm -rf \"/$d\"; done",
                        "find /usr -maxdepth 1 | while read d; do rm -rf \"$d\"; done")
                .counter(
                        "rm -rf ./build",
                        "rm -rf node_modules",
                        "rm -rf /tmp/cache",
                        "rm -f file.txt",
                        "rm -rf \"$TMPDIR/x\"",
                        "rm -r ../build",
                        "ls /tmp/cache | while read f; do rm -rf \"/tmp/cache/$f\"; done",
                        "ls / | while read d; do du -sh \"/$d\"; done")
                .build();
    }

    private static Rule deleteMirrorOverSystemPath() {
        return Rule.builder("delete.mirror-over-system-path")
                .says("rsync --delete (a mirror) onto /, a system directory or the home directory: everything the "
                        + "source lacks is deleted there")
                .on("rsync")
                .when(inv -> {
                    boolean deletes = inv.args().stream().anyMatch(a -> a.startsWith("--delete"));
                    List<Arg> ops = inv.operands();
                    if (!deletes || ops.size() < 2) {
                        return null;
                    }
                    Arg dest = ops.get(ops.size() - 1);
                    return dest.text().indexOf(':') < 0 && Paths.critical(dest) == Paths.Critical.YES
                            ? dest.display()
                            : null;
                })
                .examples(
                        "rsync -a --delete /tmp/empty/ /",
                        "rsync -a --delete empty/ /usr/",
                        "rsync -r --delete-before x/ ~/")
                .counter(
                        "rsync -a --delete ./dist/ /var/www/html/",
                        "rsync -a --delete ./site/ host:/srv/site/",
                        "rsync -a /etc/ ./etc-backup/",
                        "rsync -av --delete ~/Documents/ /mnt/backup/docs/")
                .build();
    }

    private static Rule deleteNoPreserveRoot() {
        return Rule.builder("delete.no-preserve-root")
                .says("rm told to ignore its protection of /")
                .on("rm")
                .when(inv -> inv.hasOption('\0', "--no-preserve-root") ? "--no-preserve-root" : null)
                .examples("rm -rf --no-preserve-root /tmp/x")
                .counter("rm -rf /tmp/x")
                .build();
    }

    private static Rule deleteSystemPathIfEmpty() {
        return Rule.builder("delete.system-path-if-empty")
                .review()
                .says("recursive deletion whose target is / or a system directory when a variable is empty ($DIR/*)")
                .on("rm")
                .when(inv -> !inv.treeWalk() && (recursive(inv) || inv.hasOption('f', "--force"))
                        ? criticalOperand(inv, Paths.Critical.IF_EMPTY)
                        : null)
                .examples("rm -rf \"$STEAMROOT/\"*", "rm -rf $PREFIX/")
                .counter("rm -rf \"$TMPDIR/build\"", "rm -rf $OUT_DIR")
                .build();
    }

    private static Rule deleteMoveSystemPath() {
        return Rule.builder("delete.move-system-path")
                .says("moving / , a system directory or the home directory away (or onto /dev/null)")
                .on("mv")
                .when(inv -> {
                    List<Arg> ops = inv.operands();
                    for (int i = 0; i < ops.size() - 1; i++) {
                        if (Paths.critical(ops.get(i)) == Paths.Critical.YES && !inv.treeWalk()) {
                            return ops.get(i).display();
                        }
                    }
                    return !ops.isEmpty()
                                    && ops.size() >= 2
                                    && ops.get(ops.size() - 1).is("/dev/null")
                            ? "onto /dev/null"
                            : null;
                })
                .examples("mv /etc /tmp/old", "mv ~ /dev/null", "sudo mv /usr/bin /usr/bin.bak")
                .counter("mv a.txt b.txt", "mv build/ /tmp/")
                .build();
    }

    private static Rule permSystemRecursive() {
        return Rule.builder("perm.system-recursive")
                .says("recursive chmod/chown/chgrp/setfacl of /, a system directory or the home directory")
                .on("chmod", "chown", "chgrp", "setfacl", "chattr")
                .when(inv -> {
                    if (inv.treeWalk() || !recursive(inv)) {
                        return null;
                    }
                    boolean wideOpen = inv.name().equals("chmod")
                            && inv.args().stream()
                                    .anyMatch(a ->
                                            WIDE_OPEN_MODE.matcher(a.text()).matches());
                    for (Arg a : inv.operands()) {
                        if (Paths.criticalForPermissions(a) || (wideOpen && Paths.critical(a) == Paths.Critical.YES)) {
                            return a.display();
                        }
                    }
                    return null;
                })
                .examples(
                        "chmod -R 777 /",
                        "sudo chown -R nobody:nogroup /etc",
                        "chmod -R 000 /home",
                        "chown -R user /*",
                        "chgrp -R users /usr",
                        "chmod --recursive 777 /var")
                .counter(
                        "chmod -R 755 ./dist",
                        "chown -R user:user ./project",
                        "chmod 644 /tmp/file",
                        "chown -R me ~/.ssh")
                .build();
    }

    private static Rule permRoot() {
        return Rule.builder("perm.root")
                .says("changing the owner or mode of / itself")
                .on("chmod", "chown", "chgrp")
                .when(inv -> inv.operands().stream()
                                .anyMatch(a -> a.resolved()
                                        && Paths.normalize(a.text()).equals("/"))
                        ? "/"
                        : null)
                .examples("chmod 777 /", "chown nobody /")
                .counter("chmod 777 ./x")
                .build();
    }

    private static Rule permSetuidShell() {
        return Rule.builder("perm.setuid-shell")
                .says(
                        "setuid bit on a shell, interpreter or program that can start a shell (find, vim…): a root backdoor")
                .on("chmod")
                .when(inv -> {
                    boolean suid = inv.args().stream()
                            .anyMatch(a -> SETUID_MODE.matcher(a.text()).matches());
                    if (!suid) {
                        return null;
                    }
                    for (Arg a : inv.operands()) {
                        String b = io.clituner.guardrails.internal.expand.BashNames.basename(a.text());
                        if (SystemFileRules.spawnsShell(b)) {
                            return a.display();
                        }
                    }
                    return null;
                })
                .examples(
                        "chmod u+s /bin/bash",
                        "chmod 4755 /usr/bin/python3",
                        "chmod 4755 /usr/bin/find",
                        "chmod u+s /usr/bin/vim")
                .counter("chmod u+x script.sh", "chmod 4755 ./mytool", "sudo chmod u+s /usr/bin/Xvfb")
                .build();
    }

    private static Rule findModifySystemTree() {
        return Rule.builder("find.modify-system-tree")
                .says("find or xargs running a modifying command on every file under /, a system directory or home")
                .onAny(Rule.Gate.treeWalkOnly())
                .when(inv -> {
                    String tree = inv.treePath(); // non-null exactly on a tree walk
                    if (tree == null || !modifies(inv)) {
                        return null;
                    }
                    String root = Paths.normalize(tree);
                    boolean system = systemRoot(root);
                    boolean home = root.equals(io.clituner.guardrails.internal.expand.Env.HOME);
                    if (system || (home && DELETERS.contains(inv.name()) && !inv.treeFiltered())) {
                        return inv.name() + " on every file under " + root;
                    }
                    return null;
                })
                .examples(
                        "find / -name '*.log' -delete",
                        "find / -user bob -exec chown alice {} \\;",
                        "find /home -name core | xargs rm",
                        "find ~ -delete",
                        "find / -type f -exec sed -i 's/a/b/' {} +",
                        "find /usr -name x -exec mv {} /tmp \\;")
                .counter(
                        "find . -name '*.tmp' -delete",
                        "find / -name '*.conf' -exec grep -l foo {} \\;",
                        "find /tmp -mtime +7 -delete",
                        "find ~/Downloads -name '*.part' -delete")
                .build();
    }
}
