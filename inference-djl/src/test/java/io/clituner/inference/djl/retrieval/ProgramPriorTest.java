package io.clituner.inference.djl.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.inference.djl.bank.Example;
import io.clituner.inference.djl.bank.ExampleBank;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProgramPriorTest {
    private static final ProgramPrior BUILT_IN =
            new ProgramPrior(ExampleBank.builtIn().examples());

    @Test
    void sharesAreNormalisedOverTheAskedProgramsAndFavourTheWordsOwner() {
        List<Example> bank = List.of(
                new Example("t:1", "show the last lines of a file", "tail -n 5 f"),
                new Example("t:2", "print the last line", "tail -n 1 f"),
                new Example("t:3", "print a file", "cat f"),
                new Example("t:4", "show the file", "cat f"));
        Map<String, Double> p =
                new ProgramPrior(bank).posterior("show the last two lines", List.of("cat", "tail", "unknown"));
        assertEquals(1.0, p.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
        assertTrue(p.get("tail") > p.get("cat"), p.toString());
        assertTrue(p.get("unknown") < p.get("cat"), p.toString());
    }

    @Test
    void aProgramSeenInFewExamplesIsNotCondemnedForLackingCommonWords() {
        List<Example> bank = new java.util.ArrayList<>(List.of(
                new Example("t:s1", "sha1 of a file", "sha1sum f"),
                new Example("t:s2", "compute the sha1 hash", "sha1sum f")));
        for (String what : List.of(
                "the file", "the readme", "a document", "the notes", "the log", "a text", "the list", "the output")) {
            bank.add(new Example("t:" + what, "print " + what, "cat f"));
            bank.add(new Example("t:show " + what, "show " + what + " checksum", "cksum f"));
        }
        Map<String, Double> p = new ProgramPrior(bank)
                .posterior("print the sha1 checksum of the file", List.of("sha1sum", "cat", "cksum"));
        assertTrue(p.get("sha1sum") > 0.1, p.toString());
    }

    @ParameterizedTest(name = "{0}: {1} over {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "print the readme | cat | readelf",
                "show the last lines of the log | tail | echo",
                "compress the folder | tar | du",
                "count the lines of the file | wc | sort",
                "replace foo with bar in the config | sed | grep",
                "print the sha1 checksum of the makefile | sha1sum | git",
                "create a named pipe called jobs | mkfifo | git",
            })
    void theBuiltInBankPointsToTheUsualProgram(String request, String usual, String unusual) {
        Map<String, Double> p = BUILT_IN.posterior(request, List.of(usual, unusual));
        assertTrue(p.get(usual) > p.get(unusual), p.toString());
    }
}
