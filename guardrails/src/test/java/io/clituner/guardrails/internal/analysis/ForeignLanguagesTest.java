package io.clituner.guardrails.internal.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.guardrails.internal.expand.Arg;
import io.clituner.guardrails.internal.expand.Origin;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The language registry: which language each interpreter runs, and where each finds the code on its command line. */
class ForeignLanguagesTest {
    @ParameterizedTest(name = "{0} runs {1}")
    @CsvSource({
        "python3,python",
        "pypy3,python",
        "perl5.36,perl",
        "ruby,ruby",
        "irb,ruby",
        "node,node",
        "deno,node",
        "bun,node",
        "php8.2,php",
        "luajit,lua",
        "gawk,awk",
        "mawk,awk",
        "tclsh,tcl",
        "expect,tcl",
        "pwsh,other"
    })
    void interpreterNamesChooseTheirLanguage(String program, String language) {
        assertEquals(language, ForeignLanguages.forProgram(program).name());
        assertEquals(language, ForeignLanguages.named(language).name());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "python3 -c CODE|python|CODE",
                "python3 -Sc CODE|python|CODE",
                "python3 -cCODE|python|CODE",
                "perl -le CODE|perl|CODE",
                "perl -Mstrict -e CODE|perl|CODE",
                "ruby -rjson -e CODE|ruby|CODE",
                "node --require x -e CODE|node|CODE",
                "php -r CODE|php|CODE",
                "lua -e CODE|lua|CODE",
                "awk -F : CODE file|awk|CODE",
                "python3 -m http.server|python|",
                "python3 script.py|python|file script.py",
                "perl -|perl|stdin"
            })
    void theCodeIsFoundWhereTheInterpreterTakesIt(String line, String language, String expected) {
        List<Arg> argv = new ArrayList<>();
        for (String w : line.split(" ")) {
            argv.add(new Arg(w, Origin.LITERAL, 0, line.length(), null));
        }
        Invocation inv = new Invocation(argv, List.of(), Stdin.TERMINAL, 0, line.length(), false, null, 0);
        List<Nested> found = Nesting.of(inv);
        String got = "";
        Nested first = found.isEmpty() ? null : found.get(0);
        if (first instanceof Nested.Foreign f) {
            assertEquals(language, f.language());
            got = f.code();
        } else if (first instanceof Nested.CodeFile f) {
            got = "file " + f.file().text();
        } else if (first instanceof Nested.StdinCode) {
            got = "stdin";
        } else if (first != null) {
            got = first.toString();
        }
        assertEquals(expected == null ? "" : expected, got, line);
        assertTrue(found.size() <= 1, line + ": " + found);
    }
}
