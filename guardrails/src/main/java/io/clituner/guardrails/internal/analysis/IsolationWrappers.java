package io.clituner.guardrails.internal.analysis;

import java.util.Map;

/**
 * The {@link ExecWrappers} table's entries for programs that run a command in another environment: through a proxy,
 * in a sandbox, jail, namespace or container, under a debugger or tracer, or in a language's prepared environment.
 */
final class IsolationWrappers {
    private final Map<String, ExecWrappers.Shape> table;

    private IsolationWrappers(Map<String, ExecWrappers.Shape> table) {
        this.table = table;
    }

    static void addTo(Map<String, ExecWrappers.Shape> table) {
        IsolationWrappers wrappers = new IsolationWrappers(table);
        wrappers.proxiesAndRoots();
        wrappers.bubblewrap();
        wrappers.jails();
        wrappers.machinesAndToolboxes();
        wrappers.debuggersAndTracers();
        wrappers.languageEnvironments();
    }

    private WrapperSpec w(String key) {
        return new WrapperSpec(table, key);
    }

    /** Proxies, fake roots, changed roots and namespaces, the dynamic loader. */
    private void proxiesAndRoots() {
        w("proxychains").letters("f").add();
        w("proxychains4").letters("f").add();
        w("torsocks").letters("aup").add();
        w("trickle").letters("udwtlns").add();
        w("firejail").add();
        w("proot").opts("--rootfs", "--bind", "--cwd", "--qemu").letters("rbwq").add();
        w("fakeroot").opts("--lib", "--faked", "-s", "-i").add();
        w("fakechroot")
                .opts("--lib", "--elfloader", "--environment", "--config-dir", "--bindir")
                .letters("ldecb")
                .add();
        w("faketime").leading(1).add();
        w("chroot").opts("--userspec", "--groups").leading(1).add();
        w("nsenter").opts("--target").letters("tS").add();
        w("ld.so")
                .opts(
                        "--library-path",
                        "--preload",
                        "--argv0",
                        "--audit",
                        "--inhibit-rpath",
                        "--glibc-hwcaps-prepend",
                        "--glibc-hwcaps-mask")
                .add();
        w("ip netns exec").leading(1).add();
        w("ip vrf exec").leading(1).add();
        w("scl enable").leading(1).add();
    }

    /** bubblewrap: most of its many options take one or two values. */
    private void bubblewrap() {
        w("bwrap")
                .opts2(
                        "--bind",
                        "--ro-bind",
                        "--dev-bind",
                        "--bind-try",
                        "--ro-bind-try",
                        "--dev-bind-try",
                        "--symlink",
                        "--setenv",
                        "--chmod",
                        "--file",
                        "--bind-data",
                        "--ro-bind-data",
                        "--overlay-src")
                .opts(
                        "--perms",
                        "--size",
                        "--dir",
                        "--tmpfs",
                        "--proc",
                        "--dev",
                        "--mqueue",
                        "--remount-ro",
                        "--chdir",
                        "--unsetenv",
                        "--uid",
                        "--gid",
                        "--hostname",
                        "--args",
                        "--userns",
                        "--userns2",
                        "--pidns",
                        "--info-fd",
                        "--json-status-fd",
                        "--sync-fd",
                        "--block-fd",
                        "--userns-block-fd",
                        "--seccomp",
                        "--add-seccomp-fd",
                        "--exec-label",
                        "--file-label",
                        "--cap-add",
                        "--cap-drop",
                        "--lock-file",
                        "--argv0",
                        "--overlay",
                        "--tmp-overlay",
                        "--ro-overlay")
                .add();
    }

    /** Jails: nsjail and schroot. */
    private void jails() {
        w("nsjail")
                .opts(
                        "--config",
                        "--hostname",
                        "--cwd",
                        "--chroot",
                        "--port",
                        "--bindhost",
                        "--max_conns_per_ip",
                        "--log",
                        "--log_fd",
                        "--time_limit",
                        "--user",
                        "--group",
                        "--bindmount_ro",
                        "--bindmount",
                        "--tmpfsmount",
                        "--mount",
                        "--symlink",
                        "--env",
                        "--mode",
                        "--rlimit_as",
                        "--rlimit_core",
                        "--rlimit_cpu",
                        "--rlimit_fsize",
                        "--rlimit_nofile",
                        "--rlimit_nproc",
                        "--rlimit_stack",
                        "--seccomp_policy",
                        "--seccomp_string",
                        "--cgroup_mem_max",
                        "--cgroup_pids_max",
                        "--cgroup_cpu_ms_per_sec",
                        "--macvlan_iface",
                        "--uid_mapping",
                        "--gid_mapping",
                        "--exec_file",
                        "--persona_addr_compat_layout")
                .letters("CHDcpilLtugRBTmsEMPUG")
                .add();
        w("schroot")
                .opts("--chroot", "--user", "--directory", "--session-name", "--option")
                .letters("cudno")
                .add();
    }

    /** Containers started as a command: systemd-nspawn, machinectl, toolbox, distrobox. */
    private void machinesAndToolboxes() {
        w("systemd-nspawn")
                .opts(
                        "--directory",
                        "--image",
                        "--machine",
                        "--user",
                        "--chdir",
                        "--setenv",
                        "--bind",
                        "--bind-ro",
                        "--tmpfs",
                        "--overlay",
                        "--overlay-ro",
                        "--network-interface",
                        "--network-bridge",
                        "--port",
                        "--capability",
                        "--drop-capability",
                        "--property",
                        "--register",
                        "--link-journal",
                        "--resolv-conf",
                        "--timezone",
                        "--private-users",
                        "--uuid",
                        "--slice",
                        "--personality")
                .letters("DiMuEpbS")
                .add();
        w("machinectl shell")
                .opts("--setenv", "--uid", "--machine")
                .letters("EM")
                .leading(1)
                .add();
        w("toolbox run")
                .opts("--container", "--distro", "--release")
                .letters("cdr")
                .add();
        w("distrobox-enter").opts("--name", "--additional-flags").letters("na").add();
    }

    /** Wrappers: debuggers, tracers, profilers. */
    private void debuggersAndTracers() {
        w("strace").letters("oepsuEIbPaXS").add();
        w("ltrace").letters("oenspuEaA").add();
        w("valgrind").add();
        w("perf stat")
                .opts(
                        "--event",
                        "--pid",
                        "--tid",
                        "--repeat",
                        "--output",
                        "--field-separator",
                        "--interval-print",
                        "--cgroup",
                        "--cpu",
                        "--delay",
                        "--metrics",
                        "--log-fd",
                        "--pre",
                        "--post")
                .letters("eptroxIGCDM")
                .add();
        w("perf record")
                .opts(
                        "--event",
                        "--pid",
                        "--tid",
                        "--output",
                        "--freq",
                        "--count",
                        "--cpu",
                        "--mmap-pages",
                        "--call-graph",
                        "--cgroup",
                        "--delay")
                .letters("eptoFcCmGD")
                .add();
        w("perf trace")
                .opts("--event", "--pid", "--tid", "--output", "--cpu", "--duration", "--expr")
                .letters("eptoC")
                .add();
        w("perf sched record").add();
        w("perf mem record").add();
        w("perf kmem record").add();
        w("rr record")
                .opts(
                        "--output-trace-dir",
                        "--env",
                        "--bind-to-cpu",
                        "--num-cpu-ticks",
                        "--ignore-signal",
                        "--syscall-buffer-size",
                        "--print-trace-dir")
                .letters("ciovp")
                .add();
        w("xdotool exec").add();
        w("uftrace record").letters("dFNTDt").add();
        w("lldb").add(); // only "lldb -- CMD": see Nesting
    }

    /** Wrappers: language environments that run a command in a prepared environment. */
    private void languageEnvironments() {
        w("poetry run").add();
        w("pipenv run").add();
        w("uv run")
                .opts("--with", "--python", "--project", "--directory", "--package", "--extra", "--group")
                .letters("pw")
                .add();
        w("conda run").opts("--name", "--prefix", "--cwd").letters("np").add();
        w("micromamba run").opts("--name", "--prefix").letters("np").add();
        w("bundle exec").add();
        w("cabal exec").add();
        w("pdm run").add();
        w("hatch run").add();
        w("npm exec").opts("--package", "--workspace").letters("pw").add();
    }
}
