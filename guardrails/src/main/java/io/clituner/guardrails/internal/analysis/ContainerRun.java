package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Arg;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code docker|podman|nerdctl run|create} read as bash would hand it to the engine: the host directories bind-mounted
 * into the container, whether the container holds host-level powers, and the command it runs. A command inside a
 * container only reaches the host through its mounts (or its privileges), so the walker judges it with mounted paths
 * mapped back to host paths ({@code -v /:/host … rm -rf /host/etc} is {@code rm -rf /etc}) and ignores the rest.
 *
 * @param mounts     container path → host path, bind mounts only (named volumes are the engine's own storage)
 * @param readOnly   container paths mounted read-only
 * @param privileged {@code --privileged}, or a capability that amounts to it ({@code --cap-add=SYS_ADMIN|ALL})
 * @param hostPid    {@code --pid=host}: host processes, PID 1 included, are visible (and enterable with nsenter)
 * @param command    the command after the image, empty when the image's default runs
 */
public record ContainerRun(
        List<String[]> mounts, Set<String> readOnly, boolean privileged, boolean hostPid, List<Arg> command) {

    private static final Set<String> ENGINES = Set.of("docker", "podman", "nerdctl");

    /** Long options of run/create that take a separate value (the rest are flags, or use "=" in one word). */
    private static final Set<String> VALUE_OPTS = Set.of(
            "--volume",
            "--mount",
            "--env",
            "--env-file",
            "--name",
            "--publish",
            "--workdir",
            "--entrypoint",
            "--network",
            "--net",
            "--user",
            "--hostname",
            "--label",
            "--cpus",
            "--memory",
            "--restart",
            "--device",
            "--cap-add",
            "--cap-drop",
            "--security-opt",
            "--pid",
            "--ipc",
            "--uts",
            "--userns",
            "--add-host",
            "--dns",
            "--log-driver",
            "--log-opt",
            "--platform",
            "--runtime",
            "--gpus",
            "--shm-size",
            "--ulimit",
            "--tmpfs",
            "--volumes-from",
            "--expose",
            "--cidfile",
            "--health-cmd",
            "--stop-signal",
            "--cgroupns",
            "--pull",
            "--label-file",
            "--memory-swap",
            "--cpuset-cpus",
            "--link",
            "--group-add",
            "--mac-address",
            "--ip",
            "--attach",
            "--annotation",
            "--arch",
            "--os",
            "--secret",
            "--cpu-shares",
            "--blkio-weight",
            "--init-path",
            "--sysctl",
            "--storage-opt",
            "--stop-timeout");

    private static final String VALUE_LETTERS = "vepwumhlca";

    /** The run or create command of a container engine, or null for anything else. */
    public static @Nullable ContainerRun of(Invocation inv) {
        if (!ENGINES.contains(inv.name())) {
            return null;
        }
        List<Arg> argv = inv.argv();
        int i = 1;
        if (i < argv.size() && argv.get(i).is("container")) {
            i++;
        }
        if (i >= argv.size() || !(argv.get(i).is("run") || argv.get(i).is("create"))) {
            return null;
        }
        i++;
        List<String[]> mounts = new ArrayList<>();
        Set<String> ro = new java.util.HashSet<>();
        boolean privileged = false;
        boolean hostPid = false;
        while (i < argv.size()) {
            String t = argv.get(i).text();
            if (t.equals("--")) {
                i++;
                break;
            }
            if (!t.startsWith("-") || t.equals("-")) {
                break;
            }
            String opt = t;
            String value = null;
            int eq = t.indexOf('=');
            if (t.startsWith("--") && eq > 0) {
                opt = t.substring(0, eq);
                value = t.substring(eq + 1);
            } else if (t.startsWith("--")
                    ? VALUE_OPTS.contains(t)
                    : VALUE_LETTERS.indexOf(t.charAt(t.length() - 1)) >= 0) {
                if (!t.startsWith("--") && t.length() > 2 && VALUE_LETTERS.indexOf(t.charAt(1)) >= 0) {
                    value = t.substring(2); // -v/x:/y written as one word
                    opt = t.substring(0, 2);
                } else {
                    value = i + 1 < argv.size() ? argv.get(++i).text() : "";
                    opt = t.startsWith("--") ? t : "-" + t.charAt(t.length() - 1);
                }
            }
            switch (opt) {
                case "--privileged" -> {
                    privileged = true;
                    mounts.add(new String[] {"/dev", "/dev"}); // a privileged container sees the host's devices
                }
                case "--device" -> {
                    String dev = value == null ? "" : value.split(":")[0];
                    if (value != null && dev.startsWith("/dev/")) {
                        mounts.add(new String[] {value.contains(":") ? value.split(":")[1] : dev, dev});
                    }
                }
                case "-v", "--volume" -> volume(value, mounts, ro);
                case "--mount" -> mount(value, mounts, ro);
                case "--pid" -> hostPid |= "host".equals(value);
                case "--cap-add" ->
                    privileged |= value != null
                            && value.toUpperCase(java.util.Locale.ROOT)
                                    .matches("(CAP_)?(SYS_ADMIN|ALL|SYS_MODULE|SYS_PTRACE|DAC_READ_SEARCH)");
                default -> {}
            }
            i++;
        }
        List<Arg> command = i + 1 < argv.size() ? List.copyOf(argv.subList(i + 1, argv.size())) : List.of();
        return new ContainerRun(mounts, ro, privileged, hostPid, command);
    }

    private static void volume(@Nullable String v, List<String[]> mounts, Set<String> ro) {
        if (v == null) {
            return;
        }
        String[] parts = v.split(":");
        if (parts.length >= 2 && (parts[0].startsWith("/") || parts[0].startsWith("~") || parts[0].startsWith("."))) {
            mounts.add(new String[] {parts[1], parts[0]});
            if (parts.length >= 3 && parts[2].matches("(.*,)?ro(,.*)?")) {
                ro.add(parts[1]);
            }
        }
    }

    private static void mount(@Nullable String v, List<String[]> mounts, Set<String> ro) {
        if (v == null) {
            return;
        }
        String src = null;
        String dst = null;
        boolean bind = false;
        boolean readOnly = false;
        for (String kv : v.split(",")) {
            String[] p = kv.split("=", 2);
            switch (p[0]) {
                case "type" -> bind = p.length > 1 && p[1].equals("bind");
                case "source", "src" -> src = p.length > 1 ? p[1] : null;
                case "target", "destination", "dst" -> dst = p.length > 1 ? p[1] : null;
                case "readonly", "ro" -> readOnly = p.length == 1 || p[1].equals("true") || p[1].equals("1");
                default -> {}
            }
        }
        if (bind && src != null && dst != null) {
            mounts.add(new String[] {dst, src});
            if (readOnly) {
                ro.add(dst);
            }
        }
    }

    /** The host path a bind mount maps {@code /} of the host to, writable; null when the host root is not mounted so. */
    public @Nullable String writableHostRoot() {
        for (String[] m : mounts) {
            if (Paths.normalize(m[1]).equals("/") && !readOnly.contains(m[0])) {
                return m[0];
            }
        }
        return null;
    }

    /**
     * The container command with every word that names a path under a writable bind mount rewritten to the host
     * path; null when no word reaches the host (the command then only touches the container's own files).
     */
    public @Nullable List<Arg> hostView() {
        List<Arg> out = new ArrayList<>();
        boolean reaches = false;
        for (Arg a : command) {
            String t = a.text();
            String mapped = t;
            for (String[] m : mounts) {
                if (readOnly.contains(m[0]) || m[0].equals("/")) {
                    continue;
                }
                reaches |= replacePrefix(mapped, m[0], "\0").indexOf('\0') >= 0; // also when mapped to the same path
                mapped = replacePrefix(mapped, m[0], m[1]);
            }
            out.add(mapped.equals(t) ? a : a.withText(mapped));
        }
        return reaches ? out : null;
    }

    /** Replaces {@code from} where it starts a path (at the start or after a space, quote, '=' or '>') in {@code s}. */
    static String replacePrefix(String s, String from, String to) {
        String f = from.endsWith("/") && from.length() > 1 ? from.substring(0, from.length() - 1) : from;
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int k = s.indexOf(f, i);
            if (k < 0) {
                break;
            }
            int end = k + f.length();
            boolean startOk = k == 0 || " \t'\"=>:;(".indexOf(s.charAt(k - 1)) >= 0;
            boolean endOk = end == s.length() || " \t'\"/;)".indexOf(s.charAt(end)) >= 0;
            sb.append(s, i, k);
            if (startOk && endOk) {
                sb.append(to.equals("/") && end < s.length() && s.charAt(end) == '/' ? "" : to);
            } else {
                sb.append(f);
            }
            i = end;
        }
        sb.append(s.substring(i));
        return sb.toString();
    }

    /** docker/podman exec options that take a separate value. */
    private static final Set<String> EXEC_VALUE_OPTS =
            Set.of("-u", "--user", "-w", "--workdir", "-e", "--env", "--env-file", "--detach-keys");

    /**
     * The command of {@code kubectl|oc exec POD [--] CMD} or {@code docker|podman|nerdctl exec [opts] C CMD}; null for
     * anything else (kubectl's old form without "--" is not parsed).
     */
    /** kubectl/oc options that take the next word as their value. */
    private static final Set<String> KUBE_VALUE_OPTS = Set.of(
            "-c",
            "--container",
            "-n",
            "--namespace",
            "-f",
            "--filename",
            "--pod-running-timeout",
            "--context",
            "--kubeconfig",
            "-s",
            "--server",
            "--request-timeout",
            "--as",
            "--as-group",
            "--cluster",
            "--user",
            "--token",
            "-l",
            "--selector");

    public static @Nullable List<Arg> execCommand(Invocation inv) {
        List<Arg> argv = inv.argv();
        String n = inv.name();
        if ((n.equals("kubectl") || n.equals("oc")) && inv.hasArg("exec")) {
            for (int i = 1; i < argv.size(); i++) {
                if (argv.get(i).is("--")) {
                    return argv.subList(i + 1, argv.size());
                }
            }
            // the older form without "--": kubectl exec [OPTIONS] POD COMMAND…
            int i = 1;
            while (i < argv.size() && !argv.get(i).is("exec")) {
                i += KUBE_VALUE_OPTS.contains(argv.get(i).text()) ? 2 : 1;
            }
            for (i++; i < argv.size(); i++) {
                String t = argv.get(i).text();
                if (!t.startsWith("-")) {
                    return i + 1 < argv.size() ? argv.subList(i + 1, argv.size()) : null;
                }
                if (KUBE_VALUE_OPTS.contains(t)) {
                    i++;
                }
            }
            return null;
        }
        if (!ENGINES.contains(n)) {
            return null;
        }
        int i = 1;
        if (i < argv.size() && argv.get(i).is("container")) {
            i++;
        }
        if (i >= argv.size() || !argv.get(i).is("exec")) {
            return null;
        }
        for (i++; i < argv.size(); i++) {
            String t = argv.get(i).text();
            if (!t.startsWith("-")) {
                return argv.subList(i + 1, argv.size()); // after the container name
            }
            if (EXEC_VALUE_OPTS.contains(t)) {
                i++;
            }
        }
        return null;
    }
}
