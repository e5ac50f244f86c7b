package io.clituner.guardrails.internal.rules;

import io.clituner.guardrails.internal.analysis.Invocation;
import io.clituner.guardrails.internal.analysis.Paths;
import io.clituner.guardrails.internal.analysis.Redir;
import io.clituner.guardrails.internal.expand.Arg;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Legitimate but consequential commands: a human should look before running them. */
final class ReviewRules {
    private static final Pattern SYMBOLIC_MINUS_MODE = Pattern.compile("-[rwxXst]+");
    private static final Pattern HOST_PRIVILEGED_SPEC =
            Pattern.compile("(?s).*\"(hostPID|hostNetwork|hostIPC|privileged)\" *: *true.*");
    private static final java.util.Set<String> PACKAGE_VERBS = Set.of(
            "install",
            "remove",
            "purge",
            "uninstall",
            "upgrade",
            "dist-upgrade",
            "autoremove",
            "erase",
            "-i",
            "-r",
            "-P",
            "-S",
            "-R",
            "-Rs",
            "-Syu",
            "-U",
            "add",
            "del",
            "reinstall");
    private static final java.util.Set<String> CONTAINER_VERBS =
            Set.of("prune", "rm", "rmi", "delete", "kill", "uninstall", "drain", "down");
    private static final java.util.Set<String> SERVICE_VERBS = Set.of(
            "stop",
            "disable",
            "mask",
            "restart",
            "kill",
            "daemon-reload",
            "enable",
            "start",
            "reload",
            "isolate",
            "set-default");

    private ReviewRules() {}

    /** Not confined to the working tree (see {@link Paths.Place}); find/xargs walks are judged by their root. */
    static boolean outsideTree(Invocation inv, Arg a) {
        return !Paths.place(inv, a).inTree();
    }

    /** The path operands of chmod/chown/chgrp/setfacl/chattr: after the mode, owner or ACL spec unless given by option. */
    static List<Arg> permissionTargets(Invocation inv) {
        List<Arg> ops = inv.operands();
        boolean specAsOption = inv.hasOption('\0', "--reference")
                || (inv.name().equals("setfacl")
                        && (inv.hasOption('b', "--remove-all") || inv.hasOption('k', "--remove-default")))
                || (inv.name().equals("chmod")
                        && inv.args().stream()
                                .anyMatch(a ->
                                        SYMBOLIC_MINUS_MODE.matcher(a.text()).matches()));
        return specAsOption || ops.isEmpty() ? ops : ops.subList(1, ops.size());
    }

    /** Sub-commands or options of disk tools that only report (the tool is REVIEW in every other mode). */
    private static final java.util.Map<String, Set<String>> REPORTING = java.util.Map.of(
            "zpool", Set.of("status", "list", "iostat", "history", "get"),
            "cryptsetup", Set.of("status", "luksDump", "isLuks", "luksUUID", "tcryptDump", "bitlkDump"),
            "losetup", Set.of("-a", "--all", "-l", "--list", "-j", "--associated"),
            "tune2fs", Set.of("-l"),
            "mdadm", Set.of("--detail", "-D", "--examine", "-E", "--query", "-Q", "--detail-platform"),
            "hdparm", Set.of("-I", "-i", "-g", "-C", "-t", "-T"),
            "fsck", Set.of("-N"),
            "e2fsck", Set.of("-n"),
            "xfs_repair", Set.of("-n"));

    /** Help, version, partition listing, or a reporting-only sub-command with no writing option beside it. */
    static boolean readOnlyDiskUse(Invocation inv) {
        if (inv.hasOption('\0', "--help", "--version")
                || (inv.size() == 2 && (inv.arg(1).is("-h") || inv.arg(1).is("-V")))) {
            return true;
        }
        String n = inv.name();
        if (n.equals("efibootmgr")) {
            // only these change NVRAM boot entries; everything else lists them
            return !inv.hasOption('B', "--delete-bootnum")
                    && !inv.hasOption('c', "--create")
                    && !inv.hasOption('o', "--bootorder")
                    && !inv.hasOption('O', "--delete-bootorder")
                    && !inv.hasOption('n', "--bootnext")
                    && !inv.hasOption('a', "--active")
                    && !inv.hasOption('A', "--inactive")
                    && !inv.hasOption('t', "--timeout");
        }
        if (Set.of("fdisk", "sfdisk", "sgdisk", "gdisk", "parted").contains(n)) {
            return DiskRules.partitionListing(inv);
        }
        Set<String> reporting = REPORTING.get(n);
        if (reporting == null) {
            return false;
        }
        // a report option must be there, and no other option that could change the device
        boolean report = false;
        for (Arg a : inv.args()) {
            if (reporting.contains(a.text())) {
                report = true;
            } else if (a.text().startsWith("-") && !Set.of("-v", "--verbose").contains(a.text())) {
                return false;
            }
        }
        return report;
    }

    /** dd is a plain copier unless it reads a device or writes outside the working tree. */
    static @Nullable String ddReview(Invocation inv) {
        Arg in = null;
        Arg out = null;
        for (Arg a : inv.args()) {
            if (a.startsWith("if=")) {
                in = a.withText(a.text().substring(3));
            } else if (a.startsWith("of=")) {
                out = a.withText(a.text().substring(3));
            } else if (a.is("--help") || a.is("--version")) {
                return null;
            }
        }
        if (in != null && (Paths.blockDevice(in) || Paths.maybeBlockDevice(in))) {
            return "dd reads the raw device " + in.display();
        }
        if (out == null
                || out.is("/dev/null")
                || out.is("/dev/stdout")
                || (Paths.place(out).inTree() && !out.startsWith("/dev/"))) {
            return null;
        }
        return "dd writes " + out.display() + " outside the working tree";
    }

    static List<Rule> rules() {
        return List.of(
                reviewPrivilege(),
                reviewDeleteOutsideTree(),
                reviewPackageChange(),
                reviewGitDestructive(),
                reviewContainers(),
                reviewProcessKill(),
                reviewServiceChange(),
                reviewPermissionChange(),
                reviewSystemWrite(),
                reviewDiskTools(),
                reviewRedirectDevice());
    }

    private static Rule reviewPrivilege() {
        return Rule.builder("review.privilege")
                .review()
                .says("runs with another user's (usually root's) privileges")
                .on("sudo", "doas", "su", "pkexec", "run0", "runuser", "sudoedit", "visudo", "nsenter", "kubectl")
                .when(inv -> {
                    if (inv.name().equals("kubectl")) {
                        // a pod spec granting host namespaces or privileges: root on the node
                        return inv.args().stream()
                                        .anyMatch(a -> HOST_PRIVILEGED_SPEC
                                                .matcher(a.text())
                                                .matches())
                                ? "kubectl host access"
                                : null;
                    }
                    if (inv.name().equals("nsenter")) {
                        // entering PID 1's namespaces: a root shell in the host (the usual container escape)
                        Arg t = inv.optionValue('t', "--target");
                        return t != null && t.is("1") ? "nsenter --target 1" : null;
                    }
                    return inv.name();
                })
                .examples(
                        "sudo apt update",
                        "nsenter --target 1 --mount --uts --ipc --net --pid -- bash",
                        "kubectl run x --image=alpine --overrides='{\"spec\":{\"hostPID\":true}}' -- sh")
                .counter("echo sudo", "nsenter --net=/run/netns/x ip a", "kubectl get pods")
                .build();
    }

    private static Rule reviewDeleteOutsideTree() {
        return Rule.builder("review.delete-outside-tree")
                .review()
                .says(
                        "deletes outside the working tree (temp, home, system, parent), the whole working tree, or an unknown target")
                .on("rm", "rmdir", "shred", "unlink", "srm")
                .when(inv -> {
                    for (Arg a : inv.operands()) {
                        if (outsideTree(inv, a)) {
                            return a.display() + " ("
                                    + Paths.place(inv, a).name().toLowerCase(java.util.Locale.ROOT) + ")";
                        }
                    }
                    return null;
                })
                .examples(
                        "rm /tmp/x.log",
                        "rm -rf \"$TMPDIR/x\"",
                        "rm -rf *",
                        "rm -rf ~/.cache/pip",
                        "rm -r ../x",
                        "find . -delete",
                        "find /tmp -name '*.log' -mtime +7 -delete",
                        "find ~ -name core -delete",
                        "find $DIR -name '*.o' -delete",
                        "find . -type f | xargs rm")
                .counter(
                        "rm -rf ./build",
                        "rm notes.txt",
                        "find . -name '*.tmp' -delete",
                        "find ./build -delete",
                        "find . -name '*.pyc' -exec rm -f {} +",
                        "find . -name '*.o' -print0 | xargs -0 rm -f",
                        "rm -rf src/../build")
                .build();
    }

    private static Rule reviewPackageChange() {
        return Rule.builder("review.package-change")
                .review()
                .says("installs, removes or upgrades packages")
                .on(
                        "apt",
                        "apt-get",
                        "aptitude",
                        "yum",
                        "dnf",
                        "zypper",
                        "pacman",
                        "apk",
                        "brew",
                        "snap",
                        "flatpak",
                        "pip",
                        "pip3",
                        "npm",
                        "gem",
                        "cargo",
                        "dpkg",
                        "rpm",
                        "port",
                        "emerge",
                        "nix-env",
                        "yarn",
                        "pnpm",
                        "conda",
                        "go")
                .when(inv -> {
                    for (Arg a : inv.args()) {
                        if (PACKAGE_VERBS.contains(a.text())) {
                            return inv.name() + " " + a.text();
                        }
                    }
                    return null;
                })
                .examples("sudo apt-get install nginx", "pip install requests", "npm install -g yarn")
                .counter("apt list --installed", "pip list")
                .build();
    }

    private static Rule reviewGitDestructive() {
        return Rule.builder("review.git-destructive")
                .review()
                .says("git command that discards work or rewrites shared history")
                .on("git")
                .when(inv -> {
                    boolean force = inv.hasOption('f', "--force", "--force-with-lease")
                            || inv.args().stream().anyMatch(a -> a.startsWith("+"));
                    for (Arg a : inv.args()) {
                        switch (a.text()) {
                            case "--hard" -> {
                                return "reset --hard";
                            }
                            case "clean" -> {
                                return inv.hasOption('f', "--force") ? "clean -f" : null;
                            }
                            case "push" -> {
                                return force ? "push --force" : null;
                            }
                            case "filter-branch", "filter-repo" -> {
                                return a.text();
                            }
                            case "branch" -> {
                                return inv.hasOption('D') ? "branch -D" : null;
                            }
                            default -> {} // the next word decides
                        }
                    }
                    return null;
                })
                .examples("git reset --hard HEAD~1", "git push --force origin main", "git clean -fdx")
                .counter("git status", "git push origin main")
                .build();
    }

    private static Rule reviewContainers() {
        return Rule.builder("review.containers")
                .review()
                .says("removes containers, images, volumes or cluster resources")
                .on("docker", "podman", "kubectl", "helm", "oc", "nerdctl")
                .when(inv -> inv.args().stream().anyMatch(a -> CONTAINER_VERBS.contains(a.text()))
                        ? inv.name() + " removal"
                        : null)
                .examples("docker system prune -a", "kubectl delete pod x")
                .counter("docker ps")
                .build();
    }

    private static Rule reviewProcessKill() {
        return Rule.builder("review.process-kill")
                .review()
                .says("kills processes")
                .on("kill", "killall", "pkill", "xkill", "skill")
                .when(inv -> inv.hasOption('l') && inv.name().equals("kill") ? null : inv.name())
                .examples("kill -9 1234", "pkill firefox")
                .counter("kill -l")
                .build();
    }

    private static Rule reviewServiceChange() {
        return Rule.builder("review.service-change")
                .review()
                .says("stops, disables or restarts services, or changes kernel modules and mounts")
                .on(
                        "systemctl",
                        "service",
                        "launchctl",
                        "modprobe",
                        "rmmod",
                        "insmod",
                        "mount",
                        "umount",
                        "sysctl",
                        "swapoff",
                        "swapon",
                        "update-rc.d",
                        "chkconfig")
                .when(inv -> {
                    if (inv.name().equals("systemctl") || inv.name().equals("service")) {
                        return inv.args().stream().anyMatch(a -> SERVICE_VERBS.contains(a.text())) ? inv.name() : null;
                    }
                    if (inv.name().equals("sysctl")) {
                        return inv.hasOption('w')
                                        || inv.args().stream()
                                                .anyMatch(a -> a.text().contains("="))
                                ? "sysctl write"
                                : null;
                    }
                    if (inv.name().equals("mount")) {
                        return inv.operands().isEmpty() ? null : "mount";
                    }
                    return inv.name();
                })
                .examples("systemctl stop nginx", "modprobe -r nvidia", "mount /dev/sdb1 /mnt")
                .counter("systemctl status nginx", "mount")
                .build();
    }

    private static Rule reviewPermissionChange() {
        return Rule.builder("review.permission-change")
                .review()
                .says("ownership or permission change outside the working tree, of all of it, or of an unknown target")
                .on("chmod", "chown", "chgrp", "setfacl", "chattr")
                .when(inv -> {
                    boolean recursive = DeletionRules.recursive(inv);
                    List<Arg> targets = permissionTargets(inv);
                    if (recursive && targets.isEmpty()) {
                        return "recursive";
                    }
                    for (Arg a : targets) {
                        Paths.Place p = Paths.place(inv, a);
                        // one file of the working tree itself ("chmod 755 .") is harmless; all of it is not
                        if (!p.inTree() && !(p == Paths.Place.WHOLE_TREE && !recursive && a.is("."))) {
                            return (recursive ? "recursive: " : "") + a.display();
                        }
                    }
                    return null;
                })
                .examples(
                        "chown root /usr/local/bin/tool",
                        "chmod -R 755 .",
                        "chmod -R u+w ~/project",
                        "chown -R www-data /var/www",
                        "chmod -R 755 $DIR",
                        "chmod -R -w ../x",
                        "find . -type d -exec chmod 755 {} +",
                        "find ~ -user me -exec chown you {} +")
                .counter(
                        "chmod +x script.sh",
                        "chmod -R 755 ./dist",
                        "chmod -R u+w ./project",
                        "chown -R $USER ./data",
                        "chown -R $USER:$USER ./data",
                        "chmod 755 .",
                        "find . -name '*.php' -exec chmod 644 {} +",
                        "chmod -R -w ./docs")
                .build();
    }

    private static Rule reviewSystemWrite() {
        return Rule.builder("review.system-write")
                .review()
                .says("writes files under /etc, /boot, /usr, /bin, /sbin, /lib or /var")
                .onAny(SystemRules.WRITES)
                .when(inv -> {
                    for (Arg a : SystemRules.writtenPaths(inv)) {
                        String t = Paths.normalize(a.text());
                        if ((t.startsWith("/proc/") && t.contains("/fd"))
                                || t.startsWith("/var/tmp/")
                                || t.startsWith("/tmp/")) {
                            continue; // /var/tmp is scratch like /tmp; /proc/self/fd/3 is a descriptor
                        }
                        for (String p : List.of(
                                "/etc/", "/boot/", "/usr/", "/bin/", "/sbin/", "/lib", "/var/", "/opt/", "/sys/",
                                "/proc/")) {
                            if (t.startsWith(p)) {
                                return a.display();
                            }
                        }
                    }
                    return null;
                })
                .examples("echo 'nameserver 1.1.1.1' | sudo tee /etc/resolv.conf", "cp app /usr/local/bin/")
                .counter("echo hi > out.txt")
                .build();
    }

    /** Low-level disk, partition, volume and boot tools that review.disk-tools looks at. */
    private static final String[] DISK_TOOLS = {
        "dd",
        "fdisk",
        "sfdisk",
        "sgdisk",
        "gdisk",
        "parted",
        "wipefs",
        "lvcreate",
        "lvextend",
        "lvresize",
        "vgextend",
        "pvmove",
        "mdadm",
        "cryptsetup",
        "hdparm",
        "tune2fs",
        "e2fsck",
        "fsck",
        "resize2fs",
        "xfs_repair",
        "badblocks",
        "zpool",
        "losetup",
        "flashrom",
        "nwipe",
        "scrub",
        "pvcreate",
        "ddrescue",
        "aa-teardown",
        "auditctl",
        "kexec",
        "init",
        "telinit",
        "efibootmgr"
    };

    private static Rule reviewDiskTools() {
        return Rule.builder("review.disk-tools")
                .review()
                .says("low-level disk, partition or volume tool (not its listing or status modes); dd reading a "
                        + "device or writing outside the working tree")
                .on(DISK_TOOLS)
                .when(inv -> {
                    if (inv.name().equals("dd")) {
                        return ddReview(inv);
                    }
                    return readOnlyDiskUse(inv) ? null : inv.name();
                })
                .examples(
                        "dd if=/dev/sda of=./mbr.bin bs=512 count=1",
                        "dd if=/dev/zero of=/tmp/x.img",
                        "dd if=/dev/zero of=$OUT",
                        "fdisk /dev/sdb",
                        "parted /dev/sda",
                        "zpool scrub tank",
                        "cryptsetup open /dev/sdb1 x",
                        "tune2fs -c 0 /dev/sda1",
                        "efibootmgr -B -b 0000")
                .counter(
                        "dd --help",
                        "dd if=/dev/zero of=./disk.img bs=1M count=10",
                        "dd if=a.img of=b.img",
                        "dd if=/dev/urandom bs=32 count=1",
                        "fdisk -l",
                        "sudo fdisk -l /dev/sda",
                        "parted -l",
                        "sfdisk -l",
                        "parted /dev/sda print",
                        "sgdisk -p /dev/sda",
                        "zpool status",
                        "cryptsetup luksDump /dev/sdb1",
                        "losetup -a",
                        "tune2fs -l /dev/sda1",
                        "mdadm --detail /dev/md0",
                        "hdparm -I /dev/sda",
                        "sfdisk -h",
                        "efibootmgr",
                        "efibootmgr -v",
                        "efibootmgr -u")
                .build();
    }

    private static Rule reviewRedirectDevice() {
        return Rule.builder("review.redirect-device")
                .review()
                .says("output redirected to a device chosen at run time")
                .onAny(Rule.Gate.redirect())
                .when(inv -> {
                    for (Redir r : inv.redirects()) {
                        if (r.writes() && Paths.maybeBlockDevice(r.target())) {
                            return r.target().display();
                        }
                    }
                    return null;
                })
                .examples("cat x > /dev/$DEV")
                .counter("cat x > /dev/null")
                .build();
    }
}
