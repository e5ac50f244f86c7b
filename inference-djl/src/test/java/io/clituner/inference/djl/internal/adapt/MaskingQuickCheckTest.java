package io.clituner.inference.djl.internal.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clituner.inference.djl.bank.Example;
import io.clituner.inference.djl.bank.ExampleBank;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaskingQuickCheckTest {
    /** The cheap pre-check in {@link EntityExtractor#masked(String)} gives the full result on every bank request. */
    @Test
    void quickCheckNeverChangesAMaskedBankRequest() {
        EntityExtractor x = new EntityExtractor();
        List<String> differ = new ArrayList<>();
        for (Example e : ExampleBank.builtIn().examples()) {
            String full = x.masked(e.query(), x.extract(e.query()));
            if (!full.equals(x.masked(e.query()))) {
                differ.add(e.query() + " → " + full);
            }
        }
        assertEquals(List.of(), differ);
    }
}
