package io.clituner.guardrails.internal.expand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.clituner.guardrails.parse.Ast;
import io.clituner.guardrails.parse.BashParser;
import io.clituner.guardrails.parse.ParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Expander as a table (src/test/resources/expand/expand-table.txt): word ⟶ fields with their origins. */
class ExpanderTableTest {
    private static final Path TABLE = Path.of("src/test/resources/expand/expand-table.txt");
    private static final String ARROW = " ⟶ ";

    private static final Substitutions SUBS = new Substitutions() {
        @Override
        public Value commandSubstitution(Ast.Script script, Env env, int start, int end) {
            return Value.of("sub", Origin.LOCAL);
        }

        @Override
        public Origin processSubstitution(Ast.Script script, boolean input, Env env, int start, int end) {
            return Origin.LOCAL;
        }
    };

    static String expand(String word) throws ParseException {
        Ast.Simple cmd = (Ast.Simple) new BashParser("echo " + word, 50)
                .parse()
                .items()
                .get(0)
                .pipelines()
                .get(0)
                .commands()
                .get(0);
        Env env = new Env();
        env.set("x", Value.of("abc", Origin.LITERAL));
        env.set("sp", Value.of("a b", Origin.LITERAL));
        env.set("net", Value.of("evil", Origin.NETWORK));
        env.set("arr", Value.array(List.of("a", "b c"), Origin.LITERAL));
        Expander e = new Expander(SUBS);
        List<String> fields = new ArrayList<>();
        for (Ast.Word w : cmd.words().subList(1, cmd.words().size())) {
            e.expand(w, env)
                    .forEach(a -> fields.add(
                            a.display() + "@" + a.origin() + (a.procSub() == null ? "" : "+procsub:" + a.procSub())));
        }
        return fields.isEmpty()
                ? "<no fields>"
                : fields.stream().map(s -> s.replace("\n", "\\n")).collect(Collectors.joining(" | "));
    }

    @Test
    void everyExpansionGivesItsFields() throws IOException, ParseException {
        List<String> lines = Files.readAllLines(TABLE, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        int rows = 0;
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                out.add(line);
                continue;
            }
            rows++;
            int arrow = line.indexOf(ARROW);
            String word = arrow < 0 ? line : line.substring(0, arrow);
            String actual = expand(word);
            out.add(word + ARROW + actual);
            if (arrow < 0 || !line.substring(arrow + ARROW.length()).equals(actual)) {
                wrong.add(word + "\n   expected " + (arrow < 0 ? "(none)" : line.substring(arrow + ARROW.length()))
                        + "\n   actual   " + actual);
            }
        }
        if (Boolean.getBoolean("clituner.expand.update")) {
            Files.write(TABLE, out, StandardCharsets.UTF_8);
            return;
        }
        assertFalse(rows == 0);
        assertEquals("", String.join("\n", wrong));
    }
}
