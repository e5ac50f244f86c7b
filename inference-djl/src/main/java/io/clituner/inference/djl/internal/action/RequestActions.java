package io.clituner.inference.djl.internal.action;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The actions an English request asks for, from its verbs. Deliberately narrow: a verb counts only
 * in the sense that can contradict a command's effect ("remove duplicate lines" is a text edit,
 * not a deletion; "zip file" after "extract" is a noun). Stateless and thread-safe.
 */
public final class RequestActions {
    private static final Pattern DELETE = Pattern.compile(
            "\\b(delete|deletes|deleting|remove|removes|removing|erase|erasing|rm|wipe|purge|uninstall|get rid of|trash|unlink|destroy)\\b");
    /** Objects that make "remove" a text edit rather than a deletion. */
    private static final Pattern TEXT_EDIT = Pattern.compile(
            "\\b(remove|delete|strip|erase|wipe|clear)\\b.{0,40}?\\b(duplicates?|duplicated|lines?|whitespace|spaces?|blanks?|characters?|chars?|columns?|fields?|"
                    + "newlines?|comments?|trailing|leading|prefix|suffix|words?|headers?|quotes?|colou?rs?|escape|extension|"
                    + "first|last|carriage|tabs?|empty lines|html tags|tags|punctuation|digits|numbers|vowels|entries from the output|"
                    + "permissions?|write|execute|exec|read access|access|exif|metadata|index|staging|rows?|terminal|screen|"
                    + "password|passphrase|sudo rights|ownership|acl|attributes?|formatting|markup|bom|accents|ansi|escape codes)\\b");
    /** Repointing a link replaces it: {@code ln -sfn} or {@code rm} then {@code ln -s}, never a plain {@code ln -s} beside it. */
    private static final Pattern REPLACE_LINK = Pattern.compile(
            "\\b(replace|repoint|re-point|retarget|point)\\b.{0,40}?\\b(symlinks?|symbolic links?|soft links?)\\b"
                    + "|\\b(replace|repoint|re-point|retarget|change)\\b.{0,30}?\\blinks?\\s+(so that it |so it |to )point");

    private static final Pattern KILL = Pattern.compile(
            "\\b(kill|kills|killing|terminate|terminating|end the process|force quit|force-quit|pkill|killall)\\b");
    private static final Pattern STOP =
            Pattern.compile("\\b(stop|stopping|shut down|shutdown|halt|bring down|take down|tear down)\\b");
    /** "stop after the first match", "stop tracking a file": not stopping a process. */
    private static final Pattern NOT_STOPPING = Pattern.compile(
            "\\b(stop|stopping|halt)\\b(\\s+\\S+){0,3}?\\s+(after|tracking|at the first|when|once|following)\\b|\\bstop (tracking|following|watching|asking|showing)\\b");

    private static final Pattern START = Pattern.compile(
            "\\b(start|starting|launch|boot up|bring up|spin up|fire up|serve|run a (web |http )?server)\\b");
    private static final Pattern RESTART = Pattern.compile("\\b(restart|reload|reboot|re-start)\\b");
    private static final Pattern COMPRESS = Pattern.compile(
            "\\b(compress|compressing|gzip|bzip2|zip up|zip the|zip a|zip all|zip this|zip my|archive the|archive a|archive all|archive my|create an? (tar|zip|archive|tarball)|make an? (tar|zip|archive|tarball)|pack|tarball of|tar up|tar the)\\b");
    /** Verbs that only ever mean unpacking an archive. */
    private static final Pattern UNPACK = Pattern.compile(
            "\\b(decompress|decompressing|uncompress|unzip|unzipping|untar|unpack|unpacking|gunzip|inflate|unarchive)\\b");
    /** "extract" unpacks only when an archive is in view ("extract the audio" or "extract column 2" do not). */
    private static final Pattern EXTRACT = Pattern.compile("\\b(extract|extracting)\\b");

    private static final Pattern ARCHIVE = Pattern.compile(
            "\\b(archives?|tar|tarballs?|zips?|gz|tgz|bz2|xz|7z|rar|zst|compressed|\\S+\\.(tar|zip|gz|tgz|bz2|xz|7z|rar|zst))\\b");
    private static final Pattern NOT_UNPACKING =
            Pattern.compile("\\bwithout (extracting|unpacking|decompressing|unzipping)\\b");
    private static final Pattern NOT_STARTING =
            Pattern.compile("\\b(do not|don't|never|without|prevent\\s+\\S+\\s+from|not)\\s+(start|starting|launch)");
    private static final Pattern ENCODE =
            Pattern.compile("\\b(encode|encoding|encodes|to base64|into base64|as base64|url-?encode)\\b");
    private static final Pattern DECODE =
            Pattern.compile("\\b(decode|decoding|decodes|from base64|base64-decode|url-?decode)\\b");
    private static final Pattern CREATE = Pattern.compile(
            "\\b(create|creating|make a (new )?(file|folder|directory|dir)|make (new )?(directory|directories|folders?)|new (empty )?(file|folder|directory)|touch|mkdir|generate a (new )?file)\\b");
    private static final Pattern COPY = Pattern.compile(
            "\\b(copy|copies|copying|back up|backup|make a backup|duplicate (the |a |this |my )?(file|folder|directory))\\b");
    /** Writing the result somewhere creates a file, so a "show … and save it" request is not read-only. */
    private static final Pattern SAVE =
            Pattern.compile("\\b(save|saves|saving|store|write|writes|writing|append|appending|redirect|dump|export|"
                    + "output (it |them )?(to|into)|into (a|the|an) (new )?file|to (a|the|a new) file)\\b|>");
    /** Verbs of change the check has no rule for: such a request is not read-only either. */
    private static final Pattern CHANGE =
            Pattern.compile("\\b(edit|change|set|replace|substitute|insert|add|update|rename|move|install|"
                    + "link|symlink|chmod|chown|make|generate|convert|join|split|merge|patch|apply|in place)\\b");

    private static final Pattern READ = Pattern.compile(
            "\\b(list|show|display|print|find|search|count|check|view|see|what|which|where|how many|how much|locate|look for|tell me|preview|inspect|report|get the|is there|are there|compare|diff)\\b");

    public Set<Action> classify(String request) {
        String t = request.toLowerCase(Locale.ROOT);
        Set<Action> out = EnumSet.noneOf(Action.class);
        if (DELETE.matcher(t).find() && !TEXT_EDIT.matcher(t).find()) {
            out.add(Action.DELETE);
        }
        if (REPLACE_LINK.matcher(t).find()) {
            out.add(Action.REPLACE);
        }
        if (KILL.matcher(t).find()) {
            out.add(Action.KILL);
        }
        boolean restart = RESTART.matcher(t).find();
        if (!restart && STOP.matcher(t).find() && !NOT_STOPPING.matcher(t).find()) {
            out.add(Action.STOP);
        }
        if (!restart
                && START.matcher(t).find()
                && !NOT_STARTING.matcher(t).find()
                && !t.matches(
                        "(?s).*\\b(starting with|starts with|start of|start time|starting from|started|on boot|at boot)\\b.*")) {
            out.add(Action.START);
        }
        boolean extract = !NOT_UNPACKING.matcher(t).find()
                && (UNPACK.matcher(t).find()
                        || (EXTRACT.matcher(t).find() && ARCHIVE.matcher(t).find()));
        if (extract) {
            out.add(Action.EXTRACT);
        } else if (COMPRESS.matcher(t).find()) {
            out.add(Action.COMPRESS);
        }
        boolean decode = DECODE.matcher(t).find();
        if (decode) {
            out.add(Action.DECODE);
        } else if (ENCODE.matcher(t).find()) {
            out.add(Action.ENCODE);
        }
        if (COPY.matcher(t).find() && !t.matches("(?s).*\\b(move|rename)\\b.*")) {
            out.add(Action.COPY);
        }
        if (CREATE.matcher(t).find() || SAVE.matcher(t).find()) {
            out.add(Action.CREATE);
        }
        if (out.isEmpty() && READ.matcher(t).find() && !CHANGE.matcher(t).find()) {
            out.add(Action.READ);
        }
        return out;
    }
}
