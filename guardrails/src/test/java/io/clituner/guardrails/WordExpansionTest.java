package io.clituner.guardrails;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clituner.guardrails.internal.analysis.Invocation;
import io.clituner.guardrails.internal.analysis.Walker;
import io.clituner.guardrails.policy.Limits;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The front end: what argv bash would build for each simple command, after every expansion. */
class WordExpansionTest {
    static List<String> invocations(String src) {
        List<String> out = new ArrayList<>();
        new Walker(
                        (Invocation inv, io.clituner.guardrails.internal.analysis.Reporter r) -> out.add(inv.display()),
                        (id, s, e, d) -> {},
                        Limits.DEFAULT)
                .analyze(src);
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "r''m -rf /|rm -rf /",
                "\"r\"'m' \"-\"rf /|rm -rf /",
                "r\\m -rf /|rm -rf /",
                "$'\\x72\\x6d' -rf /|rm -rf /",
                "$'\\162\\155' $'\\u002d'rf /|rm -rf /",
                "rm${IFS}-rf${IFS}/|rm -rf /",
                "{rm,-rf,/tmp}|rm -rf /tmp",
                "echo a{b,c}d|echo abd acd",
                "echo {1..3}|echo 1 2 3",
                "a=rm; $a -rf /|rm -rf /",
                "set -- rm -rf x; \"$@\"|set -- rm -rf x;rm -rf x",
                "arr=(ls -l); \"${arr[@]}\"|ls -l",
                "x=abc; echo ${x:1:1} ${#x} ${x^^} ${x/b/B}|echo b 3 ABC aBc",
                "echo ~/x ~root|echo /home/~/x /root",
                "echo $(echo hi)|echo hi;echo hi",
                "echo '$HOME' \"$HOME\"|echo $HOME /home/~",
                "ls *.txt|ls *.txt",
                "v=\"a b\"; echo $v \"$v\"|echo a b a b"
            })
    void expandsLikeBash(String src, String expected) {
        assertEquals(List.of(expected.split(";")), invocations(src.replace("\\\\", "\\")));
    }
}
