package io.clituner.inference.djl.internal.adapt;

/** What a value in a request or a command slot stands for. */
public enum EntityKind {
    /** A directory or any path with a slash ({@code /var/log}, {@code src/}, {@code ~}). */
    PATH,
    /** A file name or a path to one ({@code main.py}, {@code /etc/hosts.conf}). */
    FILE,
    /** A bare name given with "named"/"called" ({@code node_modules}). */
    NAME,
    /** A file extension without the dot ({@code pdf}). */
    EXTENSION,
    /** A quoted string or a search term. */
    TEXT,
    /** A size; the value is in bytes. */
    SIZE,
    /** A time span; the value is in minutes. */
    DURATION,
    PORT,
    /** Octal ({@code 755}) or symbolic ({@code u+x}) permissions. */
    PERMISSION,
    USER,
    HOST,
    URL,
    /** Any other integer (counts, line numbers, process ids). */
    NUMBER
}
