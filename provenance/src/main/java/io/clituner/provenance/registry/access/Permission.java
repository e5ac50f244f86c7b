package io.clituner.provenance.registry.access;

/** What a grant allows. ADMIN implies every other; USE and PROMOTE each imply READ. */
public enum Permission {
    /** Serve or load the model. */
    USE,
    /** Read metadata: versions, lineage, manifests, history. */
    READ,
    /** Move stages and aliases. */
    PROMOTE,
    /** Register versions, grant and revoke, approve datasets, define routes. */
    ADMIN;

    public boolean implies(Permission wanted) {
        return this == wanted || this == ADMIN || (wanted == READ && (this == USE || this == PROMOTE));
    }
}
