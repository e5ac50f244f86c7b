package io.clituner.inference.djl.drift;

/** Told about every report whose severity is WARN or ALERT. */
@FunctionalInterface
public interface DriftListener {
    void onDrift(DriftReport report);
}
