package io.clituner.inference.djl.internal.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlotAdapterTest {
    private final SlotAdapter adapter = new SlotAdapter();

    @ParameterizedTest(name = "{0} ⇐ {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                // user request | example request | example command | expected command
                "find all txt files | find all pdf files | find . -type f -name '*.pdf' | find . -type f -name '*.txt'",
                "delete the tmp files in build | delete every .tmp file recursively | find . -type f -name '*.tmp' -delete | find build -type f -name '*.tmp' -delete",
                "find files over 10MB in Downloads | find files over 1GB | find . -type f -size +1G | find Downloads -type f -size +10M",
                "find every *.log in here | find all pdf files | find . -type f -name '*.pdf' | find . -type f -name '*.log'",
                "find all PNG images | find all jpg images | find . -type f -name '*.jpg' | find . -type f -name '*.png'",
                "show the last 50 lines of server.log | show the last 20 lines of the file app.log | tail -n 20 app.log | tail -n 50 server.log",
                "make build.sh executable | make the script deploy.sh executable | chmod +x deploy.sh | chmod +x build.sh",
                "search for \"connection refused\" in app.log | search for the word error in the file app.log | grep 'error' app.log | grep 'connection refused' app.log",
                "find files larger than 2 megabytes | find files larger than 100 megabytes | find . -type f -size +100M | find . -type f -size +2M",
                "is example.org reachable | check if the host example.com is reachable | ping -c 4 example.com | ping -c 4 example.org",
                "list all pdf files modified this week | list all log files modified this week | find . -type f -name '*.log' -mtime -7 | find . -type f -name '*.pdf' -mtime -7",
                "extract data.tar.gz | extract the archive backup.tar.gz | tar -xzvf backup.tar.gz | tar -xzvf data.tar.gz",
                // the cases: the request's own values reach the command
                "count lines in main.py | count the lines of a file | wc -l notes.txt | wc -l main.py",
                "files over 100MB in /var/log | find big files | find . -type f -size +500M | find /var/log -type f -size +100M",
                "files modified in the last 24 hours | files changed in the last week | find . -type f -mtime -7 | find . -type f -mtime -1",
                "files modified in the last 3 hours | files changed in the last week | find . -type f -mtime -7 | find . -type f -mmin -180",
                "files smaller than 1 MB | find small files | find . -type f -size -10k | find . -type f -size -1024k",
                // the request's own bound or direction wins over the example's
                "find files bigger than 100 kilobytes | find files under 1 MB | find . -type f -size -1024k | find . -type f -size +100k",
                "files smaller than 10 kilobytes | files over 5 MB | find . -type f -size +5M | find . -type f -size -10k",
                "files changed in the last 2 days | files not modified for 30 days | find . -type f -mtime +30 | find . -type f -mtime -2",
                "files older than 10 days | files modified in the last 3 days | find . -type f -mtime -3 | find . -type f -mtime +10",
                "log files older than 30 days in /var/log | delete old logs | find . -name '*.txt' -mtime +7 | find /var/log -name '*.log' -mtime +30",
                "kill the process on port 8080 | kill whatever listens on port 3000 | fuser -k 3000/tcp | fuser -k 8080/tcp",
                "what is listening on port 5432 | which process uses port 80 | lsof -i :80 | lsof -i :5432",
                "set permissions of run.sh to 755 | set mode 644 on a file | chmod 644 notes.txt | chmod 755 run.sh",
                "change the owner of site.conf to www-data | give a file to user bob | chown bob notes.txt | chown www-data site.conf",
                "connect to db.internal as admin | ssh into a server | ssh user@server.example.com | ssh admin@db.internal",
                "list the files in the src directory | list the files in a folder | ls -la docs | ls -la src",
                "delete node_modules folders | delete all cache directories | find . -type d -name cache -exec rm -rf {} + | find . -type d -name node_modules -exec rm -rf {} +",
                "list processes of user alice | show processes of a user | ps -u bob | ps -u alice",
                "search for TODO in all python files | grep a word in js files | grep -rn 'FIXME' --include='*.js' . | grep -rn 'TODO' --include='*.py' .",
                "show logs from the last 2 hours | show recent logs | journalctl --since '1 hour ago' | journalctl --since '2 hours ago'",
                "find mp3 files older than 6 months | find files older than a month | find . -type f -mtime +30 | find . -name '*.mp3' -type f -mtime +180",
                "list the pdf files here | list the files here | find . | find . -name '*.pdf'",
                "files over 100MB in /var/log modified in the last 24 hours | files changed today | find . -type f -mtime -1 | find /var/log -size +100M -type f -mtime -1",
                "files under 2MB older than 30 days | find old files | find . -type f -mtime +30 | find . -size -2048k -type f -mtime +30",
                "logs older than 2 weeks | find logs | find . -name '*.log' | find . -mtime +14 -name '*.log'",
                "compress the folder logs | compress the directory project into project.tar.gz | tar -czf project.tar.gz project | tar -czf project.tar.gz logs",
                "show the contents of /etc/hosts | print the file notes.txt | cat notes.txt | cat /etc/hosts",
                "compute 17 times 23 | compute 7 times 6 | echo $((7 * 6)) | echo $((17 * 23))",
                "append the line 'check invoices' to notes.txt | add a line to the end of notes.txt | echo 'new line' >> notes.txt | echo 'check invoices' >> notes.txt",
                "create a symbolic link named latest pointing to docs/changelog.md | make a symlink named stable to release-2 | ln -s release-2 stable | ln -s docs/changelog.md latest",
                "delete the file named -dash-first.txt | delete the file notes.txt | rm notes.txt | rm ./-dash-first.txt",
                "rename 'a file with spaces.txt' to spaces.txt | rename old.txt to new.txt | mv old.txt new.txt | mv 'a file with spaces.txt' spaces.txt",
                "find all csv files | find all csv files in the data folder | find data -type f -name '*.csv' | find . -type f -name '*.csv'",
                "find all csv files in /srv | find all csv files in the data folder | find data -type f -name '*.csv' | find /srv -type f -name '*.csv'",
                "search for \"disk full\" in syslog | search for a word in a file | grep error notes.txt | grep 'disk full' notes.txt",
                // Where substitution is unsafe or ambiguous, the example's command is kept as it is.
                // Values that could change the command's shape are never substituted.
                "search for \"$(reboot)\" in app.log | search for the word error in app.log | grep 'error' app.log | grep 'error' app.log",
                "search for \"it's; rm x\" in app.log | search for the word error in app.log | grep 'error' app.log | grep 'error' app.log",
                "show the file -rf | show a file | cat notes.txt | cat notes.txt",
                // Ambiguous: two extensions in the request, one slot.
                "find pdf files and txt files | find all pdf files | find . -type f -name '*.pdf' | find . -type f -name '*.pdf'",
                // No slot in the example: nothing to fill.
                "show disk usage of report.pdf | show disk space usage | df -h | df -h",
                // Expansions are not slots.
                "print the home of alice | print my home | echo \"$HOME\" | echo \"$HOME\"",
                // A place the thing is in is never what a removing or moving command acts on.
                "delete the old package in Downloads | delete the folder build | rm -r build | rm -r build",
                "move the report in Documents | move the folder old | mv old archive/ | mv old archive/",
            })
    void adaptsTheExampleToTheRequest(String query, String exampleQuery, String exampleCommand, String expected) {
        SlotAdapter.Adaptation a = adapter.adapt(query, exampleQuery, exampleCommand);
        assertEquals(expected, a.command(), a.substitutions().toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "count lines in main.py | wc -l notes.txt | 1.0",
                "count lines in main.py | find . -name '*.py' -exec cat {} + | 0.0",
                "show disk space | df -h | 1.0",
            })
    void coverageSaysHowManyValuesTheCommandCarries(String query, String exampleCommand, double coverage) {
        SlotAdapter.Adaptation a = adapter.adapt(query, "example", exampleCommand);
        assertEquals(coverage, a.coverage(), 1e-9, a.toString());
        assertTrue(a.coverage() >= 0 && a.coverage() <= 1);
    }
}
