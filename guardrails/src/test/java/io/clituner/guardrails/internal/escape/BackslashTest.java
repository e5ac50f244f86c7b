package io.clituner.guardrails.internal.escape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clituner.guardrails.internal.escape.Backslash.Dialect;
import io.clituner.guardrails.parse.Ast;
import io.clituner.guardrails.parse.BashParser;
import io.clituner.guardrails.parse.ParseException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One decoder, three dialects: each row is input → ANSI-C ($'…'), echo -e and printf output (Java escapes in cells). */
class BackslashTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # bash input       | ANSI-C $'...'             | echo -e                   | printf
            plain              | plain                     | plain                     | plain
            a\\nb              | a\\nb                     | a\\nb                     | a\\nb
            \\t\\r\\a\\b\\f\\v | \\t\\r\\u0007\\b\\f\\u000b | \\t\\r\\u0007\\b\\f\\u000b | \\t\\r\\u0007\\b\\f\\u000b
            \\e\\E             | \\u001b\\u001b            | \\u001b\\u001b            | \\u001b\\u001b
            \\\\               | \\\\                      | \\\\                      | \\\\
            \\x41\\x4a         | AJ                        | AJ                        | AJ
            \\x414             | A4                        | A4                        | A4
            \\xg               | \\\\xg                    | \\\\xg                    | \\\\xg
            \\u00e9\\U0001F600 | \\u00e9\\ud83d\\ude00     | \\u00e9\\ud83d\\ude00     | \\u00e9\\ud83d\\ude00
            \\uZ               | \\\\uZ                    | \\\\uZ                    | \\\\uZ
            \\101\\60          | A0                        | A0                        | A0
            \\0101             | \\b1                      | A                         | \\b1
            \\1011             | A1                        | A1                        | A1
            \\400              | \\u0000                   | \\u0000                   | \\u0000
            \\cA\\c[           | \\u0001\\u001b            | \\\\cA\\\\c[              | \\\\cA\\\\c[
            \\'\\"\\?          | '"?                       | \\\\'\\\\"\\\\?           | \\\\'\\\\"\\\\?
            \\q                | \\\\q                     | \\\\q                     | \\\\q
            end\\              | end\\\\                   | end\\\\                   | end\\\\
            """)
    void decodesEachDialect(String input, String ansiC, String echo, String printf) {
        String in = input;
        assertEquals(unescape(ansiC), Backslash.decode(in, Dialect.ANSI_C), "ANSI-C");
        assertEquals(unescape(echo), Backslash.decode(in, Dialect.ECHO), "echo -e");
        assertEquals(unescape(printf), Backslash.decode(in, Dialect.PRINTF), "printf");
        if (!in.endsWith("\\")) {
            StringBuilder out = new StringBuilder();
            assertEquals(in.length() + 1, Backslash.decodeAnsiC(in + "'", 0, out), "ANSI-C stops at the closing quote");
            assertEquals(unescape(ansiC), out.toString());
        }
    }

    /** The parser decodes $'…' with the same decoder. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            echo $'\\x72\\x6d'      | rm
            echo $'a\\'b'           | a'b
            echo $'\\162\\155'      | rm
            """)
    void parserUsesTheDecoder(String bash, String word) throws ParseException {
        Ast.Script s = new BashParser(bash, 50).parse();
        Ast.Simple cmd =
                (Ast.Simple) s.items().get(0).pipelines().get(0).commands().get(0);
        assertEquals(
                List.of("echo", word),
                cmd.words().stream().map(Ast.Word::literal).toList());
    }

    @org.junit.jupiter.api.Test
    void unterminatedAnsiCIsAParseError() {
        assertThrows(ParseException.class, () -> new BashParser("echo $'abc", 50).parse());
        assertEquals(-1, Backslash.decodeAnsiC("abc\\'", 0, new StringBuilder()));
    }

    /** Expected cells hold Java-style escapes: {@code \\} a backslash, {@code \n \t \r \b \f}, {@code &#92;uXXXX}. */
    static String unescape(String cell) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c != '\\' || i + 1 >= cell.length()) {
                sb.append(c);
                continue;
            }
            char e = cell.charAt(++i);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(cell.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> sb.append(e);
            }
        }
        return sb.toString();
    }
}
