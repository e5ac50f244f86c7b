package io.clituner.inference.djl.internal.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EntityExtractorTest {
    private final EntityExtractor extractor = new EntityExtractor();

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // request | entities as KIND=value, space separated (sizes in bytes, spans in minutes)
                "count lines in main.py | FILE=main.py",
                "files over 100MB in /var/log | SIZE=104857600 PATH=/var/log",
                "find files larger than 1.5 GB | SIZE=1610612736",
                "files smaller than 10 kilobytes | SIZE=10240",
                "files modified in the last 24 hours | DURATION=1440",
                "files changed in the last 90 minutes | DURATION=90",
                "logs older than 2 weeks | DURATION=20160",
                "list all pdf files modified this week | EXTENSION=pdf DURATION=10080",
                "files modified today | DURATION=1440",
                "kill the process on port 8080 | PORT=8080",
                "is localhost:3000 answering | HOST=localhost PORT=3000",
                "copy backup.tar.gz to deploy@10.0.0.5 | FILE=backup.tar.gz USER=deploy HOST=10.0.0.5",
                "download https://example.com/a.tar.gz | URL=https://example.com/a.tar.gz",
                "search for \"connection refused\" in app.log | TEXT=connection refused FILE=app.log",
                "set permissions of run.sh to 755 | FILE=run.sh PERMISSION=755",
                "give the owner u+x on the script | PERMISSION=u+x",
                "list processes of user alice | USER=alice",
                "is example.org reachable | HOST=example.org",
                "find every *.log in here | EXTENSION=log",
                "find all python files | EXTENSION=py",
                "list the files in the src directory | PATH=src",
                "delete node_modules folders | NAME=node_modules",
                "change the owner of site.conf to www-data | FILE=site.conf USER=www-data",
                "connect to db.internal as admin | HOST=db.internal USER=admin",
                "search for TODO in all python files | TEXT=TODO EXTENSION=py",
                "find files named config.yaml | FILE=config.yaml",
                "find directories called build | NAME=build",
                "create a directory named build | NAME=build",
                "show the last 50 lines of server.log | NUMBER=50 FILE=server.log",
                "find lines containing TODO in the home directory | TEXT=TODO PATH=~",
                "show the contents of ~/notes/todo.md | FILE=~/notes/todo.md",
                "extract data.tar.gz into ./out/ | FILE=data.tar.gz PATH=./out/",
                "read and/or write access | ",
                // conventional directories after a word of place, without the word "directory"
                "find files smaller than 1 kilobyte in Downloads | SIZE=1024 PATH=Downloads",
                "count the python files under src | EXTENSION=py PATH=src",
                "find logs older than 30 days | DURATION=43200",
                "put it in order | ",
                "sort the lines in reverse | ",
                "the files in docs directory | PATH=docs",
            })
    void findsTypedValues(String request, String expected) {
        String got = extractor.extract(request).stream()
                .map(e -> e.kind() + "=" + e.value())
                .collect(Collectors.joining(" "));
        assertEquals(expected == null ? "" : expected, got);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "search for the word \"timeout\" in the file app.log | search for the word \" \" in the file",
                "count the lines in main.py | count the lines in",
                "list the folder | list the folder",
            })
    void withoutValuesKeepsOnlyTheWordsAroundThem(String request, String expected) {
        assertEquals(
                expected,
                EntityExtractor.withoutValues(request, extractor.extract(request))
                        .replaceAll("\\s+", " ")
                        .strip());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "count lines in main.py | count lines in a file",
                "find all csv files in the data folder | find all csv files in the folder",
                "list the files in /var/log | list the files in a directory",
                "ssh to deploy@10.0.0.5 | ssh to a user@a host",
                "show disk space | show disk space",
            })
    void masksSpecificValues(String request, String expected) {
        assertEquals(expected, extractor.masked(request));
        assertEquals(
                expected,
                extractor.masked(request, extractor.extract(request)),
                "the quick check must not change the result");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "+100M | 104857600",
                "-10k | 10240",
                "+1G | 1073741824",
                "+20c | 20",
                "50 | 25600",
            })
    void parsesFindSizes(String arg, long bytes) {
        assertEquals(bytes, Units.parseFindSize(arg));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                // slot letter | sign | minutes | find test
                "m | - | 1440 | -mtime -1",
                "m | - | 60 | -mmin -60",
                "m | + | 43200 | -mtime +30",
                "a | - | 10080 | -atime -7",
                "m | - | 90 | -mmin -90",
            })
    void convertsSpansToFindTimeTests(char letter, char sign, long minutes, String expected) {
        assertEquals(expected, Units.findTime(letter, sign, minutes));
    }

    @ParameterizedTest(name = "{0}{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "+ | 104857600 | +100M",
                "+ | 1073741824 | +1G",
                "- | 1048576 | -1024k",
                "+ | 1536 | +1536c",
                "- | 500 | -500c",
            })
    void convertsBytesToFindSizes(char sign, long bytes, String expected) {
        assertEquals(expected, Units.findSize(sign, bytes));
    }
}
