package io.clituner.guardrails.internal.rules;

import io.clituner.guardrails.internal.analysis.Invocation;
import io.clituner.guardrails.internal.analysis.Paths;
import io.clituner.guardrails.internal.analysis.Programs;
import io.clituner.guardrails.internal.analysis.Redir;
import io.clituner.guardrails.internal.expand.Arg;
import io.clituner.guardrails.internal.expand.BashNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The files the system itself runs on: essential binaries, core libraries and the kernel (destroying them
 * bricks the machine), privilege bits that turn a shell-spawning program into a root backdoor, executables
 * planted in cron or init directories, and subvolume deletion of system trees.
 */
final class SystemFileRules {
    private static final Pattern LIB_DIR = Pattern.compile("/(usr/)?lib(32|64|x32)?(/[a-z0-9_]+-linux-gnu[a-z]*)?");
    private static final Pattern SHARED_OBJECT = Pattern.compile(".*\\.so(\\.[0-9.]+)?");
    private static final Pattern MINUS_EXEC_MODE = Pattern.compile("[ugoa]*-[rwst]*x[rwxst]*");
    private static final Pattern NO_EXEC_OCTAL_MODE = Pattern.compile("0?[0246][0246][0246]");
    private static final Pattern SET_NO_EXEC_MODE = Pattern.compile("[ugoa]*=[rw]*");
    private static final Pattern SUBVOLUME_VERB = Pattern.compile("su(b(volume)?)?");
    private static final Pattern DELETE_VERB = Pattern.compile("d(el(ete)?)?");

    private SystemFileRules() {}

    /**
     * Programs that can start a shell or run arbitrary code (GTFOBins "shell"/"suid" entries): a setuid bit or
     * setuid capability on one of these gives every user a root shell.
     */
    static final Set<String> SHELL_SPAWNERS = Set.of(
            "find",
            "vim",
            "vi",
            "vim.basic",
            "vim.tiny",
            "nvim",
            "view",
            "rvim",
            "ed",
            "emacs",
            "nano",
            "pico",
            "less",
            "more",
            "man",
            "env",
            "nmap",
            "tar",
            "zip",
            "git",
            "gdb",
            "strace",
            "ltrace",
            "flock",
            "xargs",
            "nice",
            "ionice",
            "timeout",
            "stdbuf",
            "taskset",
            "time",
            "busybox",
            "docker",
            "rsync",
            "script",
            "socat",
            "make",
            "watch",
            "ssh",
            "scp",
            "sudo",
            "su",
            "cp",
            "mv",
            "dd",
            "chmod",
            "chown",
            "install",
            "openssl",
            "ftp",
            "sqlite3",
            "mysql",
            "psql",
            "journalctl",
            "systemctl",
            "start-stop-daemon",
            "run-parts",
            "unshare",
            "nsenter",
            "chroot",
            "setarch",
            "capsh",
            "zsh",
            "screen",
            "tmux",
            "csh",
            "expect",
            "tclsh",
            "wish",
            "lua",
            "php",
            "node",
            "ruby",
            "irb",
            "perl",
            "awk",
            "gawk",
            "mawk",
            "nawk",
            "sed",
            "tee",
            "wget",
            "curl",
            "pip",
            "pip3",
            "apt",
            "apt-get",
            "dpkg",
            "rpm",
            "yum");

    /** Capabilities that grant root-equivalent power to whoever runs the file. */
    private static final String ROOT_CAPS = "cap_setuid|cap_setgid|cap_sys_admin|cap_dac_override|cap_dac_read_search"
            + "|cap_sys_ptrace|cap_sys_module|cap_chown|cap_fowner|all";

    /** Commands a system cannot run without (in /usr/bin, /usr/sbin; everything in /bin and /sbin counts). */
    private static final Set<String> CORE_COMMANDS = Set.of(
            "ls",
            "cp",
            "mv",
            "rm",
            "ln",
            "cat",
            "chmod",
            "chown",
            "mkdir",
            "mount",
            "umount",
            "login",
            "su",
            "sudo",
            "passwd",
            "init",
            "systemctl",
            "systemd",
            "bash",
            "sh",
            "dash",
            "zsh",
            "env",
            "ps",
            "kill",
            "apt",
            "apt-get",
            "dpkg",
            "rpm",
            "yum",
            "dnf",
            "ssh",
            "sshd",
            "sed",
            "grep",
            "tar",
            "gzip",
            "id",
            "whoami",
            "sync",
            "reboot",
            "shutdown",
            "modprobe",
            "insmod",
            "ldconfig",
            "ld.so",
            "ip",
            "ifconfig",
            "agetty",
            "getty",
            "sulogin",
            "pam_unix.so");

    /** Libraries every dynamically linked program loads. */
    private static final String CORE_LIBS = "(libc|ld-linux[-a-z0-9_]*|ld|libm|libdl|libpthread|librt|libcrypt|libtinfo"
            + "|libselinux|libpam|libsystemd|libz|libgcc_s|libstdc\\+\\+)[.-].*so.*";

    /**
     * The kernel and ramdisk the boot loader starts (unversioned names: the current ones) and its configuration;
     * versioned images of old kernels are routinely cleaned up and left to review.
     */
    private static final String BOOT_FILES =
            "(vmlinuz|vmlinux|bzImage|initrd|initramfs|kernel)(\\.img|-linux(-lts)?(\\.img)?)?|grub\\.cfg";

    private static final Pattern CORE_LIBS_RE = Pattern.compile(CORE_LIBS);
    private static final Pattern BOOT_FILES_RE = Pattern.compile(BOOT_FILES);
    private static final Pattern ROOT_CAP_SPEC = Pattern.compile("(.*[,=+ ])?(" + ROOT_CAPS + ")([,+=].*|$)|=[eip]+");

    /** Core files a glob is tested against (one per kind that {@link #coreSystemFile} protects). */
    private static final List<String> CORE_SAMPLES = List.of(
            "/boot/vmlinuz",
            "/boot/vmlinuz-linux",
            "/boot/initrd.img",
            "/boot/initramfs-linux.img",
            "/boot/grub/grub.cfg",
            "/usr/bin/sudo",
            "/usr/bin/bash",
            "/usr/bin/ls",
            "/usr/sbin/sshd",
            "/lib/x86_64-linux-gnu/libc.so.6",
            "/lib64/ld-linux-x86-64.so.2",
            "/usr/lib/libc.so.6");

    /** A file the running system needs: essential binaries, core libraries, kernel and boot files. */
    static boolean coreSystemFile(Arg a) {
        if (!a.resolved()) {
            // a glob (rm /boot/vmlinuz*, rm /usr/bin/sud?) is judged by the core files it would match
            if (!a.isGlob() || a.hasUnknown()) {
                return false;
            }
            String pattern = Paths.normalize(a.text());
            return CORE_SAMPLES.stream()
                    .anyMatch(f -> io.clituner.guardrails.internal.expand.GlobMatch.matches(pattern, f));
        }
        String p = Paths.normalize(a.text());
        int slash = p.lastIndexOf('/');
        if (slash <= 0) {
            return false;
        }
        String dir = p.substring(0, slash);
        String base = p.substring(slash + 1);
        if (dir.equals("/bin") || dir.equals("/sbin")) {
            return true; // FHS: commands needed to boot and repair the system
        }
        if (dir.equals("/usr/bin") || dir.equals("/usr/sbin")) {
            return CORE_COMMANDS.contains(base);
        }
        if (dir.equals("/boot") || dir.equals("/boot/grub") || dir.equals("/boot/grub2")) {
            return BOOT_FILES_RE.matcher(base).matches();
        }
        boolean libDir = LIB_DIR.matcher(dir).matches();
        if (libDir) {
            return CORE_LIBS_RE.matcher(base).matches()
                    || (!dir.startsWith("/usr/") && SHARED_OBJECT.matcher(base).matches());
        }
        return false;
    }

    /** A chmod mode that takes away execute permission ({@code -x}, {@code a-x}, {@code 644}, {@code 000}). */
    static boolean removesExec(String mode) {
        return MINUS_EXEC_MODE.matcher(mode).matches()
                || NO_EXEC_OCTAL_MODE.matcher(mode).matches()
                || SET_NO_EXEC_MODE.matcher(mode).matches();
    }

    /** The programs {@link #destroyed} returns operands of; for any other program it returns truncated redirection targets only. */
    static final Set<String> DESTROYERS =
            Set.of("rm", "unlink", "shred", "srm", "wipe", "truncate", "mv", "cp", "ln", "install", "chmod", "dd");

    /** The files this invocation deletes, empties, moves away or makes non-executable. */
    static List<Arg> destroyed(Invocation inv) {
        return PerInvocation.memo(
                PerInvocation.Slot.DESTROYED, inv, i -> java.util.Collections.unmodifiableList(computeDestroyed(i)));
    }

    private static List<Arg> computeDestroyed(Invocation inv) {
        List<Arg> out = new ArrayList<>();
        if (inv.treeWalk()) {
            return out; // find/xargs walks are judged by find.modify-system-tree
        }
        for (Redir r : inv.redirects()) {
            if (r.truncates()) {
                out.add(r.target());
            }
        }
        List<Arg> ops = inv.operands();
        switch (inv.name()) {
            case "rm", "unlink", "shred", "srm", "wipe", "truncate" -> out.addAll(ops);
            case "mv" -> {
                if (ops.size() >= 2) {
                    out.addAll(ops.subList(0, ops.size() - 1));
                }
            }
            case "cp", "ln", "install" -> {
                boolean overwrites = !inv.name().equals("ln") || inv.hasOption('f', "--force");
                if (ops.size() >= 2 && overwrites && !inv.hasOption('b', "--backup")) {
                    out.add(ops.get(ops.size() - 1)); // overwritten by another file
                }
            }
            case "dd" -> {
                for (Arg a : inv.args()) {
                    if (a.startsWith("of=")) {
                        out.add(a.withText(a.text().substring(3))); // written over from the start
                    }
                }
            }
            case "chmod" -> {
                List<String> modes = inv.args().stream()
                        .map(Arg::text)
                        .filter(SystemFileRules::removesExec)
                        .toList();
                if (!modes.isEmpty()) {
                    out.addAll(ops.stream().filter(o -> !removesExec(o.text())).toList());
                }
            }
            default -> out.addAll(OutputFiles.overwritten(inv)); // gcc -o /usr/bin/sudo, sort -o FILE: replaced
        }
        return out;
    }

    /** Files a cp/mv/ln/install plants somewhere: every operand but the last. */
    private static List<Arg> sources(Invocation inv) {
        List<Arg> ops = inv.operands();
        if (inv.name().equals("install") || ops.size() < 2) {
            return ops.size() < 2 ? List.of() : ops.subList(0, ops.size() - 1);
        }
        return ops.subList(0, ops.size() - 1);
    }

    static List<Rule> rules() {
        return List.of(destroySystemBinary(), permSetcapEscalation(), persistPlantExecutable(), diskSubvolumeDelete());
    }

    private static Rule destroySystemBinary() {
        return Rule.builder("destroy.system-binary")
                .says(
                        "deleting, truncating, moving away, overwriting or un-executabling essential binaries, core libraries or the kernel")
                .onAny(Rule.Gate.programsOrRedirect(SystemRules.union(DESTROYERS, OutputFiles.PROGRAMS)))
                .when(inv -> {
                    for (Arg a : destroyed(inv)) {
                        if (coreSystemFile(a)) {
                            return a.display();
                        }
                    }
                    return null;
                })
                .examples(
                        "mv /bin/ls /tmp/",
                        "chmod -x /bin/chmod",
                        "rm -f /lib/x86_64-linux-gnu/libc.so.6",
                        "> /boot/vmlinuz",
                        "sudo rm /usr/bin/sudo",
                        "cp /dev/null /sbin/init",
                        "chmod 644 /usr/bin/bash",
                        "truncate -s0 /usr/lib/x86_64-linux-gnu/libc.so.6",
                        "rm /boot/initrd.img",
                        "rm /boot/vmlinuz*",
                        "rm -f /usr/bin/sud?",
                        "dd if=/dev/zero of=/boot/vmlinuz")
                .counter(
                        "sudo mv /usr/bin/php /usr/bin/~php",
                        "mv /usr/bin/openssl /root/",
                        "rm /usr/local/bin/tool",
                        "chmod 755 /bin/x",
                        "chmod +x /usr/bin/app",
                        "rm -f /usr/lib/python3/dist-packages/x.so",
                        "ls -l /bin/ls",
                        "cp /bin/ls ./ls-copy",
                        "ln -s /lib/libc.so.6 /lib/libc.so.0",
                        "sudo rm /boot/initrd.img-5.4.0-42-generic.old",
                        "rm /boot/*.old",
                        "rm /boot/vmlinuz-5.*")
                .build();
    }

    private static Rule permSetcapEscalation() {
        return Rule.builder("perm.setcap-escalation")
                .says(
                        "granting a root-equivalent capability (cap_setuid, cap_sys_admin…) to a shell, interpreter or shell-spawning program")
                .on("setcap")
                .when(inv -> {
                    boolean rootCap = inv.args().stream()
                            .anyMatch(a -> ROOT_CAP_SPEC
                                    .matcher(a.text().toLowerCase(java.util.Locale.ROOT))
                                    .matches());
                    if (!rootCap || inv.hasOption('r') || inv.hasOption('v')) {
                        return null;
                    }
                    for (Arg a : inv.operands()) {
                        String b = BashNames.basename(a.text());
                        if (spawnsShell(b)) {
                            return a.display();
                        }
                    }
                    return null;
                })
                .examples(
                        "setcap cap_setuid+ep /usr/bin/python3",
                        "sudo setcap 'cap_sys_admin=ep' /usr/bin/vim",
                        "setcap =ep /bin/bash")
                .counter(
                        "setcap cap_net_bind_service=+ep /usr/bin/node",
                        "setcap 'cap_dac_read_search,cap_sys_tty_config+ep' notes.txt",
                        "setcap -r /usr/bin/python3",
                        "getcap /usr/bin/python3")
                .build();
    }

    private static Rule persistPlantExecutable() {
        return Rule.builder("persist.plant-executable")
                .says(
                        "copying, moving or linking a temporary, unknown or shell binary into cron, systemd, init or a start-up file")
                .on("cp", "mv", "ln", "install", "rsync")
                .when(inv -> {
                    List<Arg> ops = inv.operands();
                    if (inv.treeWalk() || ops.size() < 2) {
                        return null;
                    }
                    Arg dest = ops.get(ops.size() - 1);
                    for (Arg s : sources(inv)) {
                        // the destination may be the directory the file lands in
                        Arg landed = dest.withText(Paths.normalize(dest.text()) + "/" + BashNames.basename(s.text()));
                        if (!Paths.matchesAny(dest, Paths.STARTUP) && !Paths.matchesAny(landed, Paths.STARTUP)) {
                            continue;
                        }
                        Paths.Place p = Paths.place(s);
                        String b = BashNames.basename(s.text());
                        if (p == Paths.Place.TEMP
                                || p == Paths.Place.UNKNOWN
                                || s.origin().hostile()
                                || Programs.isShell(b)
                                || Programs.INTERPRETERS.contains(b)
                                || b.startsWith("python")) {
                            return s.display() + " -> "
                                    + ops.get(ops.size() - 1).display();
                        }
                    }
                    return null;
                })
                .examples(
                        "cp /tmp/evil /etc/cron.daily/",
                        "ln -sf /bin/bash /etc/cron.hourly/x",
                        "sudo mv /dev/shm/x.service /etc/systemd/system/",
                        "cp /tmp/u ~/.config/systemd/user/u.service",
                        "install -m755 /var/tmp/p /etc/cron.hourly/p")
                .counter(
                        "sudo cp myapp.service /etc/systemd/system/",
                        "cp backup.sh /etc/cron.daily/backup",
                        "sudo ln -s /lib/systemd/system/nginx.service /etc/systemd/system/multi-user.target.wants/",
                        "cp /etc/crontab /tmp/crontab.bak")
                .build();
    }

    private static Rule diskSubvolumeDelete() {
        return Rule.builder("disk.subvolume-delete")
                .says("deleting a btrfs subvolume that is /, a system directory or the home directory")
                .on("btrfs")
                .when(inv -> {
                    List<Arg> ops = inv.operands();
                    if (ops.size() < 3
                            || !SUBVOLUME_VERB.matcher(ops.get(0).text()).matches()
                            || !DELETE_VERB.matcher(ops.get(1).text()).matches()) {
                        return null;
                    }
                    for (Arg a : ops.subList(2, ops.size())) {
                        if (Paths.critical(a) == Paths.Critical.YES) {
                            return a.display();
                        }
                    }
                    return null;
                })
                .examples("btrfs subvolume delete /", "sudo btrfs sub del /home", "btrfs subvolume delete -c /var")
                .counter(
                        "sudo btrfs subvolume d subvolume",
                        "btrfs subvolume delete /mnt/snapshots/old",
                        "btrfs subvolume list /")
                .build();
    }

    /** A shell, an interpreter or a program that can start one. */
    static boolean spawnsShell(String basename) {
        return Programs.isShell(basename)
                || Programs.INTERPRETERS.contains(basename)
                || basename.startsWith("python")
                || SHELL_SPAWNERS.contains(basename);
    }
}
