package io.clituner.inference.djl.internal.action;

/** What a request asks to be done, as far as it matters for telling a right command from an inverted one. */
public enum Action {
    /** list, show, count, find, search, check: nothing should be removed or stopped. */
    READ,
    DELETE,
    /** repoint or replace a link: the existing one must be overwritten (removed), not a second one made beside it. */
    REPLACE,
    CREATE,
    /** copy, duplicate, back up: the original must stay. */
    COPY,
    KILL,
    STOP,
    START,
    COMPRESS,
    EXTRACT,
    ENCODE,
    DECODE
}
