package io.clituner.inference.gguf.internal.decode;

/** Decides, after each token, whether the text so far is finished. */
@FunctionalInterface
public interface TextStop {
    /** The length at which to cut {@code text} and stop, or -1 to continue. */
    int cutAt(String text);

    TextStop NEVER = text -> -1;
}
