package io.clituner.inference.gguf.internal.decode;

/** Why a decode ended. */
public enum Finish {
    /** The model sampled an end-of-generation token (end of turn included). */
    END_OF_GENERATION,
    /** A stop string appeared; the text ends before it. */
    STOP_STRING,
    /** The {@link TextStop} of the request (e.g. the first command line is complete) ended it. */
    COMPLETE,
    /** The max-token budget ran out: the text is probably cut off. */
    MAX_TOKENS;

    /** Whether the model ended on its own rather than being cut off. */
    public boolean natural() {
        return this != MAX_TOKENS;
    }
}
