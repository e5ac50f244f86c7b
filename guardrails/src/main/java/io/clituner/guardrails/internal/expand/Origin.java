package io.clituner.guardrails.internal.expand;

/**
 * Where a value came from, ordered by how little it can be trusted as code. A value built from
 * several sources carries the maximum.
 */
public enum Origin {
    /** Written literally in the command line (after quote removal and static evaluation). */
    LITERAL,
    /** Output of a local program or contents of a local file: unknown but not attacker-shaped. */
    LOCAL,
    /** A variable the command line never assigns (environment or unset). */
    UNSET,
    /** Produced by a decoder or transformer (base64 -d, xxd -r, rev, tr, gunzip, openssl…). */
    DECODED,
    /** Fetched from the network (curl, wget, nc, /dev/tcp…). */
    NETWORK;

    public Origin max(Origin o) {
        return o.compareTo(this) > 0 ? o : this;
    }

    /** Code from this origin is attacker-shaped whatever it says. */
    public boolean hostile() {
        return this == DECODED || this == NETWORK;
    }
}
