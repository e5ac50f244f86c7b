package io.clituner.provenance.audit;

/**
 * An incomplete final line found (and cut off) when a log was opened or caught up.
 *
 * @param index  the index the torn entry would have had
 * @param offset byte offset where it began (the new file length)
 * @param bytes  how many bytes were dropped
 */
public record TornTail(long index, long offset, long bytes) {}
