package io.clituner.provenance.signing;

/** Predicate type URIs of the statements this library issues; versioned so the schema can evolve. */
public final class PredicateTypes {
    /** Predicate: a {@link io.clituner.core.GenerationProvenance}; subject: the response it came with. */
    public static final String GENERATION = "https://clituner.io/provenance/generation/v1";
    /** Predicate: a {@link ModelProvenance}; subject: the model file. */
    public static final String MODEL = "https://clituner.io/provenance/model/v1";
    /** Predicate: a {@link DataProvenance}; subject: the data set file. */
    public static final String DATA = "https://clituner.io/provenance/data/v1";

    private PredicateTypes() {}
}
