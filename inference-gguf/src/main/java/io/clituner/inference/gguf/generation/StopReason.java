package io.clituner.inference.gguf.generation;

/** Why generation ended, as far as the binding lets us see. */
public enum StopReason {
    /**
     * The model ended on its own: an end-of-generation token, an end-of-turn marker, a stop
     * string, or the one-line grammar completing with its newline.
     */
    NATURAL,
    /** The max-token budget ran out: the text is probably cut off. */
    LENGTH
}
