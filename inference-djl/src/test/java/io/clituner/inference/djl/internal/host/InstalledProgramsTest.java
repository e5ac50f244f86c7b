package io.clituner.inference.djl.internal.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InstalledProgramsTest {
    @TempDir
    static Path bin;

    static InstalledPrograms programs() throws IOException {
        for (String name : new String[] {"find", "grep", "wc", "sudo", "xargs", "rm", "ls"}) {
            Path f = bin.resolve(name);
            if (!Files.exists(f)) {
                Files.writeString(f, "#!/bin/sh\n");
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        Files.writeString(bin.resolve("notexec"), "data");
        return InstalledPrograms.fromPath(bin + ":" + bin.resolve("missing"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiterString = " => ",
            value = {
                "ls -la => true",
                "find . -name '*.py' | xargs wc -l => true",
                "sudo rm -f notes.txt => true",
                "cd src && ls => true",
                "docker ps => false",
                "sudo docker ps => false",
                "find . -name '*.txt' -exec sed -i 's/a/b/' {} + => false",
                "ls $(jq -r .dir x.json) => false",
                "notexec => false",
                "./build.sh => true",
                "if then fi => false",
            })
    void acceptsOnlyCommandsWhoseProgramsAreInstalled(String command, boolean expected) throws IOException {
        assertEquals(expected, programs().test(command));
    }
}
