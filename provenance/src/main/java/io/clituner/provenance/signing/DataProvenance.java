package io.clituner.provenance.signing;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import java.time.LocalDate;

/**
 * Where a data set came from and how it was checked.
 *
 * @param name             data set name (the statement subject's name)
 * @param sha256           SHA-256 of the data file (the subject's digest)
 * @param source           who published it
 * @param url              where it was fetched from
 * @param retrievedOn      the day it was fetched
 * @param validationMethod how it was checked (e.g. "schema+dedup+pii-scan")
 */
public record DataProvenance(
        String name, String sha256, String source, String url, LocalDate retrievedOn, String validationMethod) {
    public DataProvenance {
        Hex.required("data set name", name);
        Hex.sha256("data sha256", sha256);
        Hex.required("source", source);
        Hex.required("url", url);
        if (retrievedOn == null) {
            throw new CliTunerException(ErrorCode.INVALID_REQUEST, "data provenance needs retrievedOn");
        }
        Hex.required("validation method", validationMethod);
    }
}
