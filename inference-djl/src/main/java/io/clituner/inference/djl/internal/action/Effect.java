package io.clituner.inference.djl.internal.action;

/** What a command does beyond reading, derived from its parse tree by {@link CommandEffects}. */
public enum Effect {
    /** rm, rmdir, find -delete / -exec rm, git rm, docker rm, apt remove, … */
    REMOVE,
    /** touch, mkdir, output redirection, tee, git init, useradd, … */
    CREATE,
    /** kill, pkill, fuser -k, systemctl stop, docker stop, … */
    TERMINATE,
    /** mv, rename, git mv: the source is gone afterwards. */
    MOVE,
    COMPRESS,
    EXTRACT,
    ENCODE,
    DECODE
}
