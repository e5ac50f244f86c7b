package io.clituner.inference.gguf.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clituner.core.error.ConfigurationException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FirstCommandTest {
    /** text (\n = newline, ␣ kept), final?, expected first command or NONE. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "ls -la\\n                                              | false | ls -la",
                "ls -la                                                 | false | NONE",
                "ls -la                                                 | true  | ls -la",
                "```bash\\nfind . -name '*.pdf'\\n```                  | false | find . -name '*.pdf'",
                "```bash\\nfind . -name '*.pdf'                         | false | NONE",
                "```bash\\nfind . -name '*.pdf'                         | true  | find . -name '*.pdf'",
                "```\\n# list pdfs\\nfind . -name '*.pdf'\\n```          | false | find . -name '*.pdf'",
                "```                                                    | false | NONE",
                "`ls`                                                   | false | NONE",
                "`ls -l`\\n                                             | false | ls -l",
                "Here is the command:\\n```sh\\ndf -h\\n```             | false | df -h",
                "To list the files, run `ls -a` in the folder.\\n       | false | ls -a",
                "Sure! You can use:\\n\\n  du -sh .\\nIt prints the size | false | du -sh .",
                "$ ps aux\\n                                            | false | ps aux",
                "Command: `uname -a`\\n                                 | false | uname -a",
                "\\n\\n  w\\n                                           | false | w",
                "The answer is below.\\n                                | false | NONE",
                "id\\r\\n                                               | false | id",
                "``` \\n```\\nls\\n                                     | false | ls",
            })
    void findsTheFirstCompleteCommandLine(String text, boolean isFinal, String expected) {
        String t = text.strip().replace("\\n", "\n").replace("\\r", "\r");
        Optional<String> got = FirstCommand.find(t, isFinal);
        assertEquals(expected.equals("NONE") ? Optional.empty() : Optional.of(expected), got, text);
    }

    @Test
    void outputModesParseTheirOptionValues() {
        assertEquals(OutputMode.GRAMMAR, OutputMode.parse("grammar"));
        assertEquals(OutputMode.PARSER, OutputMode.parse(" Parser "));
        assertThrows(ConfigurationException.class, () -> OutputMode.parse("json"));
    }
}
