package io.clituner.guardrails.rules;

import io.clituner.guardrails.analysis.Invocation;
import io.clituner.guardrails.analysis.Redir;
import io.clituner.guardrails.expand.Arg;
import io.clituner.guardrails.expand.Env;
import java.util.List;
import java.util.Set;

/** Legitimate but consequential commands: a human should look before running them. */
final class ReviewRules {
    private static final java.util.Set<String> PACKAGE_VERBS = Set.of("install", "remove", "purge", "uninstall", "upgrade", "dist-upgrade", "autoremove",
                                        "erase", "-i", "-r", "-P", "-S", "-R", "-Rs", "-Syu", "-U", "add", "del", "reinstall");
    private static final java.util.Set<String> CONTAINER_VERBS = Set.of("prune", "rm", "rmi", "delete", "kill",
                                "uninstall", "drain", "down");
    private static final java.util.Set<String> SERVICE_VERBS = Set.of("stop", "disable", "mask", "restart", "kill",
                                        "daemon-reload", "enable", "start", "reload", "isolate", "set-default");

    private ReviewRules() {}

    static boolean outsideTree(Arg a) {
        String t = a.text();
        return t.startsWith("/") || t.startsWith(Env.HOME) || t.startsWith("..") || a.hasUnknown()
                || t.equals(".") || t.equals("*") || t.equals("\uE001") || t.equals("./\uE001");
    }

    static List<Rule> rules() {
        return List.of(
                Rule.builder("review.privilege")
                        .review()
                        .says("runs with another user's (usually root's) privileges")
                        .on("sudo", "doas", "su", "pkexec", "run0", "runuser", "sudoedit", "visudo")
                        .when(inv -> inv.name())
                        .examples("sudo apt update")
                        .counter("echo sudo")
                        .build(),
                Rule.builder("review.delete-outside-tree")
                        .review()
                        .says("deletes outside the working tree, the whole working tree, or an unknown target")
                        .on("rm", "rmdir", "shred", "unlink", "srm")
                        .when(inv -> {
                            for (Arg a : inv.operands()) {
                                if (outsideTree(a)) {
                                    return a.display();
                                }
                            }
                            return null;
                        })
                        .examples("rm /tmp/x.log", "rm -rf \"$TMPDIR/x\"", "rm -rf *")
                        .counter("rm -rf ./build", "rm notes.txt")
                        .build(),
                Rule.builder("review.package-change")
                        .review()
                        .says("installs, removes or upgrades packages")
                        .on("apt", "apt-get", "aptitude", "yum", "dnf", "zypper", "pacman", "apk", "brew", "snap",
                                "flatpak", "pip", "pip3", "npm", "gem", "cargo", "dpkg", "rpm", "port", "emerge", "nix-env",
                                "yarn", "pnpm", "conda", "go")
                        .when(inv -> {
                            for (Arg a : inv.args()) {
                                if (PACKAGE_VERBS
                                        .contains(a.text())) {
                                    return inv.name() + " " + a.text();
                                }
                            }
                            return null;
                        })
                        .examples("sudo apt-get install nginx", "pip install requests", "npm install -g yarn")
                        .counter("apt list --installed", "pip list")
                        .build(),
                Rule.builder("review.git-destructive")
                        .review()
                        .says("git command that discards work or rewrites shared history")
                        .on("git")
                        .when(inv -> {
                            boolean force = inv.hasOption('f', "--force", "--force-with-lease") || inv.args().stream()
                                    .anyMatch(a -> a.startsWith("+"));
                            for (Arg a : inv.args()) {
                                switch (a.text()) {
                                    case "--hard":
                                        return "reset --hard";
                                    case "clean":
                                        return inv.hasOption('f', "--force") ? "clean -f" : null;
                                    case "push":
                                        return force ? "push --force" : null;
                                    case "filter-branch", "filter-repo":
                                        return a.text();
                                    case "branch":
                                        return inv.hasOption('D') ? "branch -D" : null;
                                    default:
                                        break;
                                }
                            }
                            return null;
                        })
                        .examples("git reset --hard HEAD~1", "git push --force origin main", "git clean -fdx")
                        .counter("git status", "git push origin main")
                        .build(),
                Rule.builder("review.containers")
                        .review()
                        .says("removes containers, images, volumes or cluster resources")
                        .on("docker", "podman", "kubectl", "helm", "oc", "nerdctl")
                        .when(inv -> inv.args().stream().anyMatch(a -> CONTAINER_VERBS.contains(a.text())) ? inv.name() + " removal" : null)
                        .examples("docker system prune -a", "kubectl delete pod x")
                        .counter("docker ps")
                        .build(),
                Rule.builder("review.process-kill")
                        .review()
                        .says("kills processes")
                        .on("kill", "killall", "pkill", "xkill", "skill")
                        .when(inv -> inv.hasOption('l') && inv.name().equals("kill") ? null : inv.name())
                        .examples("kill -9 1234", "pkill firefox")
                        .counter("kill -l")
                        .build(),
                Rule.builder("review.service-change")
                        .review()
                        .says("stops, disables or restarts services, or changes kernel modules and mounts")
                        .on("systemctl", "service", "launchctl", "modprobe", "rmmod", "insmod", "mount", "umount", "sysctl",
                                "swapoff", "swapon", "update-rc.d", "chkconfig")
                        .when(inv -> {
                            if (inv.name().equals("systemctl") || inv.name().equals("service")) {
                                return inv.args().stream().anyMatch(a -> SERVICE_VERBS
                                        .contains(a.text())) ? inv.name() : null;
                            }
                            if (inv.name().equals("sysctl")) {
                                return inv.hasOption('w') || inv.args().stream().anyMatch(a -> a.text().contains("="))
                                        ? "sysctl write" : null;
                            }
                            if (inv.name().equals("mount")) {
                                return inv.operands().isEmpty() ? null : "mount";
                            }
                            return inv.name();
                        })
                        .examples("systemctl stop nginx", "modprobe -r nvidia", "mount /dev/sdb1 /mnt")
                        .counter("systemctl status nginx", "mount")
                        .build(),
                Rule.builder("review.permission-change")
                        .review()
                        .says("recursive ownership or permission change, or on paths outside the working tree")
                        .on("chmod", "chown", "chgrp", "setfacl", "chattr")
                        .when(inv -> {
                            if (DeletionRules.recursive(inv)) {
                                return "recursive";
                            }
                            List<Arg> ops = inv.operands();
                            for (int i = 1; i < ops.size(); i++) {
                                if (outsideTree(ops.get(i)) && !ops.get(i).is(".")) {
                                    return ops.get(i).display();
                                }
                            }
                            return null;
                        })
                        .examples("chmod -R 755 ./dist", "chown root /usr/local/bin/tool")
                        .counter("chmod +x script.sh")
                        .build(),
                Rule.builder("review.system-write")
                        .review()
                        .says("writes files under /etc, /boot, /usr, /bin, /sbin, /lib or /var")
                        .onAny()
                        .when(inv -> {
                            for (Arg a : SystemRules.writtenPaths(inv)) {
                                String t = Paths.normalize(a.text());
                                for (String p : List.of("/etc/", "/boot/", "/usr/", "/bin/", "/sbin/", "/lib", "/var/", "/opt/",
                                        "/root/", "/sys/", "/proc/")) {
                                    if (t.startsWith(p)) {
                                        return a.display();
                                    }
                                }
                            }
                            return null;
                        })
                        .examples("echo 'nameserver 1.1.1.1' | sudo tee /etc/resolv.conf", "cp app /usr/local/bin/")
                        .counter("echo hi > out.txt")
                        .build(),
                Rule.builder("review.disk-tools")
                        .review()
                        .says("low-level disk, partition or volume tool")
                        .on("dd", "fdisk", "sfdisk", "sgdisk", "gdisk", "parted", "wipefs", "lvcreate", "lvextend", "lvresize",
                                "vgextend", "pvmove", "mdadm", "cryptsetup", "hdparm", "tune2fs", "e2fsck", "fsck", "resize2fs",
                                "xfs_repair", "badblocks", "zpool", "losetup", "flashrom", "nwipe", "scrub", "pvcreate", "ddrescue",
                                "aa-teardown", "auditctl", "kexec", "init", "telinit", "badblocks")
                        .when(inv -> inv.hasOption('\0', "--help", "--version") ? null : inv.name())
                        .examples("dd if=/dev/zero of=./disk.img bs=1M count=10")
                        .counter("dd --help")
                        .build(),
                Rule.builder("review.redirect-device")
                        .review()
                        .says("output redirected to a device chosen at run time")
                        .onAny()
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
                        .build());
    }
}
