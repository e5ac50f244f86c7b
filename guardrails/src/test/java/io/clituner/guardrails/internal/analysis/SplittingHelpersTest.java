package io.clituner.guardrails.internal.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.clituner.guardrails.internal.expand.Sentinels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The small text helpers behind read's IFS splitting, make --eval recipes and interpreter join() calls. */
class SplittingHelpersTest {
    private static List<String> fields(String line, String ifs) {
        List<String> out = new ArrayList<>();
        for (int[] f : ReadBuiltin.ifsFields(line, ifs)) {
            out.add(line.substring(f[0], f[1]));
        }
        return out;
    }

    @Test
    void readSplitsLikeBash() {
        assertEquals(List.of("a", "b", "c"), fields("  a  b\tc ", " \t\n"));
        assertEquals(List.of("rm", "-rf", "/"), fields("rm,-rf,/", ","));
        assertEquals(List.of("a", "", "b"), fields("a,,b", ","));
        assertEquals(List.of("a", "b"), fields("a , b", " ,"));
        assertEquals(List.of("a"), fields("a,", ","));
    }

    @Test
    void makeRecipesAreTheShellLines() {
        assertEquals("rm -rf /\n", NestingJobs.makeRecipes("x:;rm -rf /"));
        assertEquals("echo hi\n", NestingJobs.makeRecipes("all:\n\t@echo hi"));
        assertEquals("", NestingJobs.makeRecipes("CFLAGS := -O2"));
        assertEquals("echo " + Sentinels.UNKNOWN + " $HOME\n", NestingJobs.makeRecipes("p: ; echo $(CC) $$HOME"));
    }

    @Test
    void joinCallsOfConstantListsAreConstantStrings() {
        assertEquals("'rm -rf /'", ForeignCode.joinCall("' '.join(['rm','-rf','/'])"));
        assertEquals("'rm -rf /'", ForeignCode.joinCall("['rm','-rf','/'].join(' ')"));
        assertNull(ForeignCode.joinCall("' '.join(args)"));
        assertNull(ForeignCode.joinCall("' '.join(['rm', x])"));
        assertNull(ForeignCode.joinCall("'ls'"));
    }
}
