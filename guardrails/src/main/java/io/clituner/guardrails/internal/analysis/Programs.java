package io.clituner.guardrails.internal.analysis;

import java.util.Set;

/** What the analyzer knows about program names: which run code, fetch, decode, or only read. */
public final class Programs {
    private Programs() {}

    public static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "zsh", "ksh", "mksh", "ash", "yash",
            "posh", "csh", "tcsh", "fish", "rbash", "pdksh", "oksh", "loksh", "busybox-sh");

    /** Interpreters whose inline-code option we scan; value = the option letter(s). */
    public static final Set<String> INTERPRETERS = Set.of("python", "python2", "python3", "pypy", "pypy3", "perl",
            "perl5", "ruby", "node", "nodejs", "deno", "bun", "php", "lua", "luajit", "tclsh", "wish", "Rscript",
            "julia", "pwsh", "powershell", "osascript", "groovy", "jshell", "jrunscript", "scala", "kotlin", "R", "awk",
            "gawk", "mawk", "nawk", "irb", "expect");

    public static final Set<String> AWKS = Set.of("awk", "gawk", "mawk", "nawk");

    public static final Set<String> NETWORK = Set.of("curl", "wget", "fetch", "lwp-request", "lwp-download", "GET",
            "POST", "http", "https", "xh", "aria2c", "nc", "ncat", "netcat", "nc.traditional", "nc.openbsd", "telnet",
            "socat", "tftp", "ftp", "lftp", "sftp", "wget2", "curlie", "httpie", "ssh", "openssl", "axel",
            "links", "lynx", "w3m", "rclone", "s3cmd", "powershell");

    /** Network programs that can act as a raw bidirectional pipe to a remote host. */
    /** Programs that resolve a host name given as an argument: the name itself reaches a DNS server (DNS tunnelling). */
    public static final Set<String> NAME_LOOKUP = Set.of("dig", "nslookup", "host", "drill", "kdig", "delv",
            "resolvectl", "getent", "ping", "ping6", "traceroute", "tracepath", "mtr", "whois", "nping", "hping3",
            "arping", "fping");

    public static final Set<String> RAW_SOCKET = Set.of("nc", "ncat", "netcat", "nc.traditional", "nc.openbsd",
            "telnet", "socat", "openssl", "cryptcat", "pwncat", "sbd");

    public static final Set<String> DECODERS = Set.of("base64", "base32", "basenc", "xxd", "uudecode", "openssl",
            "gunzip", "zcat", "gzip", "bzcat", "bunzip2", "bzip2", "xz", "unxz", "xzcat", "lzma", "unlzma", "lzcat",
            "zstd", "unzstd", "zstdcat", "lz4", "lz4cat", "brotli", "rev", "tr", "od", "uncompress", "recode",
            "iconv", "gpg", "age", "7z", "unzip", "funzip", "busybox");

    /** Programs that only read their operands (safe to run on every file of a tree). */
    public static final Set<String> READ_ONLY = Set.copyOf(java.util.List.of("ls", "echo", "printf", "cat", "grep", "egrep", "fgrep",
            "zgrep", "rg", "ag", "file", "stat", "head", "tail", "wc", "du", "md5sum", "sha1sum", "sha224sum",
            "sha256sum", "sha384sum", "sha512sum", "b2sum", "cksum", "sum", "basename", "dirname", "readlink",
            "realpath", "test", "[", "strings", "less", "more", "od", "hexdump", "sort", "uniq", "cut", "diff", "cmp",
            "getfattr", "lsattr", "ldd", "nm", "objdump", "readelf", "identify", "ffprobe", "mediainfo", "exiftool",
            "true", "false", "pwd", "id", "date", "tac", "nl", "column", "jq", "yq", "xmllint", "zcat", "bzcat",
            "xzcat", "zless", "awk", "gawk", "sed", "tr", "fold", "fmt", "expand", "unexpand", "ls", "getfacl",
            "pdftotext", "lsof", "fuser", "wc", "echo", "tree", "find", "locate", "which", "type",
            "printenv", "env", "sleep", "namei", "numfmt", "comm", "join", "paste", "look"));

    /** Shell builtins and keywords that never run their arguments as a command. */
    public static final Set<String> BUILTINS = Set.copyOf(java.util.List.of("cd", "echo", "printf", "read", "export",
            "declare", "typeset", "local", "readonly", "set", "unset", "shift", "test", "[", "true", "false", "exit",
            "return", "wait", "jobs", "fg", "bg", "unalias", "type", "hash", "help", "history", "pushd", "popd", "dirs",
            "umask", "ulimit", "shopt", "let", "getopts", "mapfile", "readarray", "times", "enable", "caller",
            "complete", "compgen", "compopt", "disown", "suspend", "logout", "break", "continue", ":", "kill"));

    /** Everyday programs that only report on the system (no rule needs to know them, but they are not unknown). */
    public static final Set<String> EVERYDAY = Set.of("df", "free", "uptime", "uname", "hostname", "whoami", "who", "w",
            "groups", "ps", "top", "htop", "cal", "lscpu", "lsusb", "lspci", "lsblk", "lsmod", "nproc", "arch", "tty",
            "locale", "users", "last", "dmesg", "vmstat", "iostat", "mpstat", "sar", "ss", "netstat", "ip", "ifconfig",
            "hostnamectl", "timedatectl", "journalctl", "git", "make", "mvn", "gradle", "npm", "cargo", "go", "java",
            "javac", "gcc", "cc", "mkdir", "touch", "cp", "mv", "ln", "tar", "zip", "gzip", "diff", "man", "info",
            "ping", "dig", "curl", "wget", "ssh", "scp", "less", "more", "vim", "nano", "code", "docker", "kubectl");

    /** Programs that only print their arguments or environment: never execute them. */
    public static final Set<String> PRINTERS = Set.of("echo", "printf", "print");

    public static boolean isShell(String name) {
        return ShellDialects.isShell(name); // every name in SHELLS, and the shells with other option syntaxes
    }

    public static boolean isNetwork(String name) {
        return NETWORK.contains(name);
    }

    /**
     * Prints secrets without naming a secret file: env/printenv/set/export -p/declare -x with nothing to run (every
     * variable, credentials included), gpg --export-secret-keys.
     */
    public static boolean dumpsSecrets(Invocation up) {
        String n = up.name();
        if ((n.equals("gpg") || n.equals("gpg2")) && up.hasOption('\0', "--export-secret-keys", "--export-secret-subkeys")) {
            return true; // private keys, however they are encoded afterwards
        }
        return ((n.equals("env") || n.equals("printenv")) && up.operands().isEmpty() && !up.hasOption('u', "--unset"))
                || (n.equals("set") && up.size() == 1)
                || ((n.equals("export") || n.equals("declare") || n.equals("typeset")) && up.size() == 2
                && (up.arg(1).is("-p") || up.arg(1).is("-x") || up.arg(1).is("-px")));
    }
}
