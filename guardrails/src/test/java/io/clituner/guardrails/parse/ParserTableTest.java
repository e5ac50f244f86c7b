package io.clituner.guardrails.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The parser as a table: every construct it claims (src/test/resources/parse/ast-table.txt, bash ⟶ tree), and inputs
 * bash rejects, which must be a {@link ParseException} rather than a guess.
 */
class ParserTableTest {
    static final Path TABLE = Path.of("src/test/resources/parse/ast-table.txt");
    static final String ARROW = " ⟶ ";

    record Row(String bash, String tree) {}

    static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(TABLE, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int arrow = line.indexOf(ARROW);
            String bash = (arrow < 0 ? line : line.substring(0, arrow)).replace('⏎', '\n');
            rows.add(new Row(bash, arrow < 0 ? null : line.substring(arrow + ARROW.length())));
        }
        return rows;
    }

    static String tree(String bash) throws ParseException {
        return AstPrinter.tree(new BashParser(bash, 100).parse());
    }

    @Test
    void everyConstructParsesToItsTree() throws IOException, ParseException {
        if (Boolean.getBoolean("clituner.ast.update")) {
            List<String> out = new ArrayList<>();
            for (String line : Files.readAllLines(TABLE, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    out.add(line);
                    continue;
                }
                int arrow = line.indexOf(ARROW);
                String bash = arrow < 0 ? line : line.substring(0, arrow);
                out.add(bash + ARROW + tree(bash.replace('⏎', '\n')));
            }
            Files.write(TABLE, out, StandardCharsets.UTF_8);
        }
        List<Row> rows = rows();
        assertFalse(rows.isEmpty());
        List<String> wrong = new ArrayList<>();
        for (Row r : rows) {
            String actual = tree(r.bash());
            if (!actual.equals(r.tree())) {
                wrong.add(r.bash() + "\n   expected " + r.tree() + "\n   actual   " + actual);
            }
        }
        assertEquals("", String.join("\n", wrong));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "echo 'unterminated",
                "echo \"open",
                "if a; then b",
                "for 1 in x; do :; done",
                "( )",
                "{ }",
                "a |",
                "a && ",
                ")",
                "case x in",
                "[[ ]]",
                "echo ${",
                "echo ${v",
                "echo $(( 1 ",
                "done",
                "cat < 2>x",
                "cat <<",
                "f() ",
                "echo $'abc",
                "while a; do b"
            })
    void rejectsWhatBashRejects(String bash) {
        assertThrows(ParseException.class, () -> new BashParser(bash, 100).parse());
    }

    @Test
    void nestingBeyondTheBoundIsALimitError() {
        String deep = "echo " + "$(".repeat(60) + "x" + ")".repeat(60);
        ParseException e = assertThrows(ParseException.class, () -> new BashParser(deep, 50).parse());
        assertEquals(true, e.isLimit());
    }
}
