package io.clituner.guardrails.internal.rules;

import io.clituner.guardrails.internal.analysis.Invocation;
import io.clituner.guardrails.internal.analysis.Paths;
import io.clituner.guardrails.internal.expand.Arg;
import io.clituner.guardrails.internal.expand.Env;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Archives extracted over {@code /}, a home directory or a system tree: their members can be any path below it
 * ({@code etc/passwd}, {@code .bashrc}, {@code usr/bin/sudo}), so the extraction can replace any file there. The same
 * archive extracted into the working tree or a directory of its own is an ordinary unpacking.
 */
final class ArchiveRules {
    private ArchiveRules() {}

    /** Directories where an archive's members can overwrite what the system or a user runs. */
    private static final Set<String> OVERWRITABLE = Set.of(
            "/",
            "/etc",
            "/usr",
            "/usr/bin",
            "/usr/sbin",
            "/usr/lib",
            "/usr/lib64",
            "/usr/libexec",
            "/bin",
            "/sbin",
            "/lib",
            "/lib32",
            "/lib64",
            "/boot",
            "/root",
            "/home",
            "/var",
            "/var/lib",
            "/var/spool/cron",
            "/etc/cron.d",
            "/etc/systemd/system",
            "/etc/profile.d",
            "/etc/init.d",
            "/etc/ssh",
            "/etc/pam.d",
            "/etc/sudoers.d",
            Env.HOME,
            Env.HOME + "/.ssh",
            Env.HOME + "/.config",
            Env.HOME + "/.local",
            Env.HOME + "/.local/bin",
            "/root/.ssh");

    static final Set<String> EXTRACTORS =
            Set.of("tar", "gtar", "bsdtar", "unzip", "cpio", "7z", "7za", "7zr", "dpkg", "dpkg-deb", "unsquashfs");

    /** Whether the invocation extracts an archive (rather than creating or listing one). */
    static boolean extracts(Invocation inv) {
        String n = inv.name();
        List<Arg> args = inv.args();
        return switch (n) {
            case "tar", "gtar", "bsdtar" ->
                inv.hasOption('x', "--extract", "--get")
                        || (!args.isEmpty()
                                && !args.get(0).startsWith("-")
                                && args.get(0).text().matches("[A-Za-z]*x[A-Za-z]*"));
            case "unzip" -> !inv.hasOption('l') && !inv.hasOption('t') && !inv.hasOption('Z') && !inv.hasOption('v');
            case "cpio" -> inv.hasOption('i', "--extract");
            case "7z", "7za", "7zr" ->
                !inv.operands().isEmpty()
                        && (inv.operands().get(0).is("x")
                                || inv.operands().get(0).is("e"));
            case "dpkg", "dpkg-deb" -> inv.hasOption('x', "--extract") || inv.hasOption('X', "--vextract");
            case "unsquashfs" -> true;
            default -> false;
        };
    }

    /** Where the members land: the program's directory option, else null (the working directory). */
    static @Nullable Arg destination(Invocation inv) {
        String n = inv.name();
        switch (n) {
            case "unzip", "unsquashfs" -> {
                return inv.optionValue('d', null);
            }
            case "cpio" -> {
                return inv.optionValue('D', "--directory");
            }
            case "7z", "7za", "7zr" -> {
                for (Arg a : inv.args()) {
                    if (a.startsWith("-o") && a.text().length() > 2) {
                        return a.withText(a.text().substring(2));
                    }
                }
                return null;
            }
            case "dpkg", "dpkg-deb" -> {
                List<Arg> ops = inv.operands();
                return ops.size() >= 2 ? ops.get(ops.size() - 1) : null;
            }
            default -> {
                Arg c = inv.optionValue('C', "--directory");
                return c;
            }
        }
    }

    static @Nullable String overSystem(Invocation inv) {
        if (!extracts(inv) || inv.treeWalk()) {
            return null;
        }
        Arg dest = destination(inv);
        if (dest == null || dest.hasUnknown()) {
            return null;
        }
        String d = Paths.normalize(Resolve.absolute(dest));
        if (OVERWRITABLE.contains(d) || Resolve.wholeHome(dest)) {
            return inv.name() + " extracting into " + dest.display();
        }
        return null;
    }

    static List<Rule> rules() {
        return List.of(Rule.builder("archive.extract-over-system")
                .says("an archive extracted over /, a home directory or a system tree: any file there can be replaced")
                .on(EXTRACTORS.toArray(new String[0]))
                .when(ArchiveRules::overSystem)
                .examples(
                        "tar -xzf payload.tgz -C /",
                        "tar xf x.tar --directory=/etc",
                        "tar -C / -xvf x.tar",
                        "unzip -o x.zip -d /",
                        "unzip -d ~ x.zip",
                        "bsdtar -xf x.tar -C /usr",
                        "curl -s http://h/a.tgz | tar xz -C /",
                        "cpio -idm -D / < x.cpio",
                        "7z x a.7z -o/",
                        "dpkg -x pkg.deb /",
                        "tar xf x.tar -C /home/alice")
                .counter(
                        "tar -xzf release.tgz",
                        "tar -xzf release.tgz -C ./vendor",
                        "unzip x.zip -d out",
                        "tar -czf backup.tgz -C / etc",
                        "tar -tf x.tar -C /",
                        "tar xzf node.tgz -C /usr/local",
                        "tar xf x.tar -C /tmp/build",
                        "unzip -l x.zip -d /",
                        "tar -xf x.tar -C /opt")
                .build());
    }
}
