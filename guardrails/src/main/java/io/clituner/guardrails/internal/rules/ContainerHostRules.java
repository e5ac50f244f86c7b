package io.clituner.guardrails.internal.rules;

import io.clituner.guardrails.internal.analysis.ContainerRun;
import io.clituner.guardrails.internal.analysis.Invocation;
import io.clituner.guardrails.internal.analysis.Paths;
import io.clituner.guardrails.internal.analysis.Secrets;
import io.clituner.guardrails.internal.expand.Arg;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Containers that hold the host: a writable mount of the host's root or a system tree, {@code --privileged} together
 * with a host namespace, a privileged LXC/Incus instance or one given the host's root as a disk, {@code systemd-nspawn}
 * booting the host's own root, and secret trees handed to an image whose entrypoint talks to the network. What runs
 * inside does not matter: the image's entrypoint runs even when no command is given, and it can be anything.
 */
final class ContainerHostRules {
    private ContainerHostRules() {}

    /** Host trees that, mounted writable, let the container rewrite the host's programs, accounts or boot. */
    private static final Set<String> HOST_TREES = Set.of(
            "/",
            "/etc",
            "/usr",
            "/bin",
            "/sbin",
            "/lib",
            "/lib64",
            "/boot",
            "/root",
            "/var",
            "/var/lib",
            "/etc/ssh",
            "/etc/sudoers.d",
            "/etc/cron.d",
            "/etc/systemd",
            "/etc/pam.d",
            "/var/spool/cron",
            "/usr/bin",
            "/usr/lib",
            "/usr/sbin",
            "/proc",
            "/sys",
            "/etc/init.d",
            "/root/.ssh");

    /** Images whose entrypoint sends data out: curl, wget, netcat, socat, rclone… (by repository name). */
    private static final Pattern NETWORK_IMAGE = Pattern.compile(
            "(.*/)?(curl|alpine-curl|curlimages|wget|netcat|nc|ncat|socat|netshoot|httpie|rclone|ngrok|cloudflared|"
                    + "chisel|frp|frpc|openssh-client|transfer|croc|magic-wormhole|aria2|lftp|ftp|s3cmd|awscli)(:.*|@.*)?");

    private static @Nullable String hostTree(ContainerRun run) {
        for (String[] m : run.mounts()) {
            String host = m[1];
            if ((host.equals("/dev") && m[0].equals("/dev")) || run.readOnly().contains(m[0])) {
                continue;
            }
            if (HOST_TREES.contains(Paths.normalize(host))) {
                return host + " mounted writable at " + m[0];
            }
        }
        return null;
    }

    private static boolean hostNamespace(Invocation inv) {
        List<Arg> argv = inv.argv();
        for (int i = 1; i < argv.size(); i++) {
            String t = argv.get(i).text();
            if (t.matches("--(net|network|pid|ipc|uts|userns|cgroupns)=host")) {
                return true;
            }
            if (t.matches("--(net|network|pid|ipc|uts|userns|cgroupns)")
                    && i + 1 < argv.size()
                    && argv.get(i + 1).is("host")) {
                return true;
            }
        }
        return false;
    }

    /** The image of a run: the word before its command (or the last word when none is given). */
    private static String image(Invocation inv, ContainerRun run) {
        int idx = inv.size() - run.command().size() - 1;
        return idx > 1 ? inv.arg(idx).text() : "";
    }

    static @Nullable String dockerLike(Invocation inv) {
        ContainerRun run = ContainerRun.of(inv);
        if (run == null) {
            return null;
        }
        String tree = hostTree(run);
        if (tree != null) {
            return tree;
        }
        if (run.privileged() && hostNamespace(inv)) {
            return "--privileged (or an equivalent capability) with a host namespace";
        }
        if (NETWORK_IMAGE.matcher(image(inv, run)).matches()) {
            for (String[] m : run.mounts()) {
                if (Paths.isSecret(Arg.literal(Paths.normalize(m[1]), 0, 0))
                        || Secrets.secret(Arg.literal(m[1], 0, 0))) {
                    return "secret " + m[1] + " mounted into network image " + image(inv, run);
                }
            }
        }
        return null;
    }

    /** ctr run: {@code --mount type=bind,src=/,dst=/host,options=rbind:rw}, {@code --privileged} with host networking. */
    static @Nullable String ctr(Invocation inv) {
        if (inv.size() < 2
                || (!inv.arg(1).is("run")
                        && !(inv.arg(1).is("container") || inv.arg(1).is("c")))) {
            return null;
        }
        List<Arg> argv = inv.argv();
        for (int i = 1; i < argv.size(); i++) {
            String v = argv.get(i).is("--mount") && i + 1 < argv.size()
                    ? argv.get(i + 1).text()
                    : argv.get(i).startsWith("--mount=") ? argv.get(i).text().substring(8) : null;
            if (v != null && v.matches(".*\\b(src|source)=/(,.*|$)") && !v.matches(".*options=[^,]*\\bro\\b.*")) {
                return "host / mounted into the container";
            }
        }
        return inv.hasOption('\0', "--privileged") && inv.hasOption('\0', "--net-host")
                ? "--privileged --net-host"
                : null;
    }

    /** lxc/incus: {@code security.privileged true}, or a disk device whose source is the host's root or a system tree. */
    static @Nullable String lxc(Invocation inv) {
        boolean privileged = false;
        for (int i = 1; i < inv.size(); i++) {
            String t = inv.arg(i).text();
            if (t.matches("security\\.privileged=(true|1|yes)")
                    || (t.equals("security.privileged")
                            && i + 1 < inv.size()
                            && inv.arg(i + 1).text().matches("true|1|yes"))) {
                privileged = true;
            }
            if (t.startsWith("source=")
                    && HOST_TREES.contains(Paths.normalize(t.substring(7)))
                    && inv.args().stream().anyMatch(a -> a.is("disk"))
                    && inv.args().stream().noneMatch(a -> a.text().matches("readonly=(true|1|yes)"))) {
                return "host " + t.substring(7) + " attached as a disk";
            }
        }
        return privileged ? "security.privileged" : null;
    }

    /** systemd-nspawn booting or entering the host's own root directory (or image). */
    static @Nullable String nspawn(Invocation inv) {
        Arg d = inv.optionValue('D', "--directory");
        if (d != null && d.resolved() && Paths.normalize(d.text()).equals("/")) {
            return "systemd-nspawn on the host's /";
        }
        Arg img = inv.optionValue('i', "--image");
        return img != null && Paths.blockDevice(img) ? "systemd-nspawn on a host disk" : null;
    }

    static List<Rule> rules() {
        return List.of(Rule.builder("container.host-root")
                .says("a container given the host: a writable mount of / or a system tree, --privileged with a host "
                        + "namespace, a privileged LXC/Incus instance, systemd-nspawn on the host's /, or a secret tree "
                        + "mounted into an image that talks to the network")
                .on("docker", "podman", "nerdctl", "ctr", "lxc", "incus", "systemd-nspawn")
                .when(inv -> switch (inv.name()) {
                    case "ctr" -> ctr(inv);
                    case "lxc", "incus" -> lxc(inv);
                    case "systemd-nspawn" -> nspawn(inv);
                    default -> dockerLike(inv);
                })
                .examples(
                        "docker run -v /:/host alpine",
                        "podman run --rm -v /etc:/etc:rw alpine sh",
                        "nerdctl run -v /:/h busybox",
                        "docker run --privileged --pid=host alpine",
                        "docker run --privileged --net=host -it ubuntu",
                        "docker run --cap-add=ALL --pid=host alpine",
                        "docker run --mount type=bind,source=/,target=/host alpine",
                        "ctr run --rm --mount type=bind,src=/,dst=/host,options=rbind:rw docker.io/library/alpine:latest x sh",
                        "lxc config set c1 security.privileged true",
                        "incus config device add c1 h disk source=/ path=/host",
                        "systemd-nspawn -D /",
                        "docker run -v ~/.ssh:/keys curlimages/curl",
                        "lxc launch ubuntu:22.04 c1 -c security.privileged=true")
                .counter(
                        "docker run --rm -v $(pwd):/app node npm test",
                        "docker run -v /etc/localtime:/etc/localtime:ro alpine",
                        "docker run --rm alpine rm -rf /",
                        "docker run -it --net=host nginx",
                        "docker run -v /:/host:ro alpine",
                        "lxc launch ubuntu:22.04 c1",
                        "systemd-nspawn -D /var/lib/machines/deb",
                        "docker run -v ~/.aws:/root/.aws amazon/aws-cli s3 ls",
                        "docker run --privileged multiarch/qemu-user-static")
                .build());
    }
}
