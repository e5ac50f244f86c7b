package io.clituner.inference.djl.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clituner.inference.djl.bank.Example;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlotAdapterTest {
    private final SlotAdapter adapter = new SlotAdapter();

    @ParameterizedTest(name = "{0} ⇐ {1}")
    @CsvSource(delimiter = '|', value = {
            // user request | example request | example command | expected command
            "find all txt files | find all pdf files | find . -type f -name '*.pdf' | find . -type f -name '*.txt'",
            "find every *.log in here | find all pdf files | find . -type f -name '*.pdf' | find . -type f -name '*.log'",
            "find all PNG images | find all jpg images | find . -type f -name '*.jpg' | find . -type f -name '*.png'",
            "show the last 50 lines of server.log | show the last 20 lines of the file app.log | tail -n 20 app.log | tail -n 50 server.log",
            "make build.sh executable | make the script deploy.sh executable | chmod +x deploy.sh | chmod +x build.sh",
            "search for \"connection refused\" in app.log | search for the word error in the file app.log | grep 'error' app.log | grep 'connection refused' app.log",
            "find files larger than 2 megabytes | find files larger than 100 megabytes | find . -type f -size +100M | find . -type f -size +2M",
            "is example.org reachable | check if the host example.com is reachable | ping -c 4 example.com | ping -c 4 example.org",
            // "all log files": a word before the extension must not hide it ("log" is also a noun)
            "list all pdf files modified this week | list all log files modified this week | find . -type f -name '*.log' -mtime -7 | find . -type f -name '*.pdf' -mtime -7",
            "extract data.tar.gz | extract the archive backup.tar.gz | tar -xzvf backup.tar.gz | tar -xzvf data.tar.gz",
    })
    void fillsSlotsWithTheUsersValues(String query, String exampleQuery, String exampleCommand, String expected) {
        assertEquals(expected, adapter.adapt(query, new Example("t:1", exampleQuery, exampleCommand)).command());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // Values that could change the command's shape are never substituted.
            "search for \"$(reboot)\" in app.log | search for the word error in app.log | grep 'error' app.log | grep 'error' app.log",
            "search for \"it's; rm x\" in app.log | search for the word error in app.log | grep 'error' app.log | grep 'error' app.log",
            // Ambiguous: two extensions in the request, so the example stays as it is.
            "find pdf files and txt files | find all pdf files | find . -type f -name '*.pdf' | find . -type f -name '*.pdf'",
            // No slot in the example: nothing to fill.
            "show disk usage of report.pdf | show disk space usage | df -h | df -h",
    })
    void leavesTheExampleAloneWhenSubstitutionIsUnsafeOrAmbiguous(String query, String exampleQuery, String exampleCommand, String expected) {
        SlotAdapter.Adaptation a = adapter.adapt(query, new Example("t:1", exampleQuery, exampleCommand));
        assertEquals(expected, a.command(), a.substitutions().toString());
    }
}
