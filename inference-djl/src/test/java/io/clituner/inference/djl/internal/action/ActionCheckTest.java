package io.clituner.inference.djl.internal.action;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ActionCheckTest {
    private final RequestActions actions = new RequestActions();
    private final CommandEffects effects = new CommandEffects();

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "remove a file | DELETE",
                "repoint the latest symlink at build-42 | REPLACE",
                "replace the web link to point at releases/v2 | REPLACE",
                "change the link in index.html to point to about.html | ",
                "create a symbolic link named latest | CREATE",
                "change the owner of the symlinks in bin | ",
                "delete node_modules folders | DELETE",
                "remove duplicate lines from a file | ",
                "list all pdf files | READ",
                "base64 encode a file | ENCODE",
                "decode a base64 string | DECODE",
                "kill the process on port 8080 | KILL",
                "stop the nginx service | STOP",
                "restart the nginx service | ",
                "start the docker container web | START",
                "extract a zip file | EXTRACT",
                "compress the logs folder | COMPRESS",
                "create an empty file named a.txt | CREATE",
                "find files starting with foo | READ",
            })
    void classifiesRequests(String request, String expected) {
        assertEquals(
                expected == null ? "" : expected,
                String.join(
                        ",",
                        new TreeSet<>(actions.classify(request).stream()
                                .map(Enum::name)
                                .toList())));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiterString = " => ",
            value = {
                "rm notes.txt => REMOVE",
                "touch notes.txt => CREATE",
                "ln -s releases/v2 current => CREATE",
                "ln -sfn releases/v2 current => CREATE,REMOVE",
                "find . -name '*.tmp' -delete => REMOVE",
                "find . -type d -name node_modules -exec rm -rf {} + => REMOVE",
                "find . -name '*.tmp' -print0 | xargs -0 rm -f => REMOVE",
                "find . -type d -name node_modules => ",
                "base64 -d input.txt => DECODE",
                "base64 input.txt => ENCODE",
                "tar -czf logs.tar.gz logs => COMPRESS",
                "tar xzf logs.tar.gz => EXTRACT",
                "gzip -d a.gz => EXTRACT",
                "kill -9 $(lsof -t -i :8080) => TERMINATE",
                "fuser -k 8080/tcp => TERMINATE",
                "ss -ltnp => ",
                "sudo systemctl stop nginx => TERMINATE",
                "docker rm -f web => REMOVE,TERMINATE",
                "git branch -d old => REMOVE",
                "echo hi > out.txt => CREATE",
                "ls -la > /dev/null => ",
                "sudo apt remove vim => REMOVE",
            })
    void derivesEffectsFromTheParsedCommand(String command, String expected) {
        assertEquals(
                expected == null ? "" : expected,
                String.join(
                        ",",
                        new TreeSet<>(effects.effects(command).stream()
                                .map(Enum::name)
                                .toList())));
    }

    @ParameterizedTest(name = "{0} ⇒ {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // the inversions are refused
                "remove a file | touch notes.txt | false",
                "repoint the latest symlink at build-42 | ln -s build-42 latest | false",
                "repoint the latest symlink at build-42 | ln -sfn build-42 latest | true",
                "repoint the latest symlink at build-42 | rm latest && ln -s build-42 latest | true",
                "base64 encode a file | base64 -d notes.txt | false",
                "delete node_modules folders | find . -type d -name node_modules | false",
                "kill the process on port 8080 | ss -ltnp | false",
                "extract the archive | tar -czf a.tar.gz dir | false",
                "compress the folder | tar -xzf a.tar.gz | false",
                "list the temporary files | find . -name '*.tmp' -delete | false",
                "create a directory named build | rm -r build | false",
                "start the web container | docker stop web | false",
                // a read-only request never writes, edits or moves a file
                "print the status file | echo done > status.txt | false",
                "show the last two lines of notes.txt | echo 'new line' >> notes.txt | false",
                "list the package names | pip freeze > requirements.txt | false",
                "show the config | sed -i 's/a/b/' app.conf | false",
                "show the rotated logs | mv logs/app.log.1 old/ | false",
                // and the right answers pass
                "remove a file | rm notes.txt | true",
                "base64 encode a file | base64 notes.txt | true",
                "delete node_modules folders | find . -type d -name node_modules -prune -exec rm -rf {} + | true",
                "kill the process on port 8080 | fuser -k 8080/tcp | true",
                "extract the archive | tar -xzf a.tar.gz | true",
                "list the temporary files | find . -name '*.tmp' | true",
                "find and delete all tmp files | find . -name '*.tmp' -delete | true",
                "remove duplicate lines | sort -u notes.txt | true",
                "show disk space | df -h | true",
                "list the files and save the list to files.txt | ls > files.txt | true",
                "show the word counts and write them into a file | wc -w notes.txt > counts.txt | true",
                "list all branches | git branch -a | true",
                "show the tags | git tag | true",
                "show the fingerprint of a key | ssh-keygen -lf key.pub | true",
                "create a tag v1 | git tag v1 | true",
            })
    void contradictingCommandsAreRefused(String request, String command, boolean agrees) {
        Set<Action> a = actions.classify(request);
        ActionCheck check = ActionCheck.of(a, effects.effects(command));
        assertEquals(agrees, check.agrees(), check.reason());
    }
}
