package io.clituner.inference.djl.internal.adapt;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Carries the request's values into a retrieved example's command: the request's typed
 * {@link Entity entities} ({@link EntityExtractor}) fill the command's {@link Slot slots}
 * ({@link CommandSlots}, found with the bash parser) of a compatible kind, converting units where
 * the slot needs them ({@link Units}). Slots of one kind are filled when the pairing is
 * unambiguous: as many request values as distinct slot values (in order), or one value for the one
 * slot value the example's own request names. Only values made of characters that cannot change
 * the command's shape are written (quoted when they hold spaces); the output still goes through
 * the guardrail like any other engine output. Thread-safe.
 */
public final class SlotAdapter {
    /** What a slot of each kind accepts, best first. */
    private static final Map<EntityKind, List<EntityKind>> ACCEPTS = new EnumMap<>(Map.ofEntries(
            Map.entry(EntityKind.FILE, List.of(EntityKind.FILE, EntityKind.PATH)),
            Map.entry(EntityKind.PATH, List.of(EntityKind.PATH, EntityKind.NAME)),
            Map.entry(EntityKind.NAME, List.of(EntityKind.NAME, EntityKind.FILE, EntityKind.PATH)),
            Map.entry(EntityKind.EXTENSION, List.of(EntityKind.EXTENSION)),
            Map.entry(EntityKind.TEXT, List.of(EntityKind.TEXT, EntityKind.NAME)),
            Map.entry(EntityKind.SIZE, List.of(EntityKind.SIZE)),
            Map.entry(EntityKind.DURATION, List.of(EntityKind.DURATION)),
            Map.entry(EntityKind.PORT, List.of(EntityKind.PORT)),
            Map.entry(EntityKind.PERMISSION, List.of(EntityKind.PERMISSION)),
            Map.entry(EntityKind.USER, List.of(EntityKind.USER)),
            Map.entry(EntityKind.HOST, List.of(EntityKind.HOST)),
            Map.entry(EntityKind.URL, List.of(EntityKind.URL)),
            Map.entry(EntityKind.NUMBER, List.of(EntityKind.NUMBER))));
    /** Filling order: specific kinds first, so that a file name is not spent on a looser slot. */
    private static final List<EntityKind> ORDER = List.of(
            EntityKind.URL,
            EntityKind.HOST,
            EntityKind.USER,
            EntityKind.PORT,
            EntityKind.SIZE,
            EntityKind.DURATION,
            EntityKind.PERMISSION,
            EntityKind.EXTENSION,
            EntityKind.FILE,
            EntityKind.NAME,
            EntityKind.PATH,
            EntityKind.TEXT,
            EntityKind.NUMBER);

    /**
     * Where something is rather than what to act on: "the debian package in Downloads". Such a place may be
     * where a command searches ({@code find Downloads …}), never the operand of a command that removes or
     * moves its operands ({@code rm -r Downloads} would delete the whole folder).
     */
    private static final Pattern LOCATION =
            Pattern.compile("(?i)\\b(in|under|inside|within|below|beneath)\\s+(the\\s+|my\\s+)?$");

    private static final Set<String> ACTS_ON_OPERANDS = Set.of("rm", "rmdir", "shred", "unlink", "mv", "truncate");
    private static final Pattern SAFE_PLAIN = Pattern.compile("[A-Za-z0-9_%+,.:=@^/-]+|~(/[A-Za-z0-9_%+,.:=@^/-]*)?");
    private static final Pattern SAFE_IN_QUOTES = Pattern.compile("[A-Za-z0-9_ %+,.:=@^/*?-]+");
    /** Inert inside single quotes; expansions ($, `) and backslashes are refused all the same. */
    private static final Pattern SAFE_TO_QUOTE = Pattern.compile("[A-Za-z0-9_ %+,.:=@^/*?#&()\\[\\]{}<>|;-]+");

    /** Bank commands repeat across requests; their slots are found once (bounded: user banks can be large). */
    private static final int MAX_CACHED = 100_000;

    private final EntityExtractor extractor = new EntityExtractor();
    private final CommandSlots slotFinder = new CommandSlots();
    private final Map<String, List<Slot>> slotCache = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The command to return and what was done.
     *
     * @param command       the adapted command (the example's command when nothing was filled)
     * @param substitutions one "kind:old->new" per filled slot value
     * @param requestValues how many values the request holds (plain numbers included)
     * @param carriedValues how many of them the returned command carries (filled, or already there)
     */
    public record Adaptation(
            String command, List<String> substitutions, int requestValues, int carriedValues, int foreignValues) {
        public Adaptation {
            substitutions = List.copyOf(substitutions);
        }

        public boolean adapted() {
            return !substitutions.isEmpty();
        }

        /** Share of the request's values the command carries; 1 when the request holds none. */
        public double coverage() {
            return requestValues == 0 ? 1.0 : (double) carriedValues / requestValues;
        }
    }

    public Adaptation adapt(String userQuery, String exampleQuery, String exampleCommand) {
        return adapt(extractor.extract(userQuery), extractor.extract(exampleQuery), exampleCommand);
    }

    /** As {@link #adapt(String, String, String)} with both requests' entities already extracted. */
    public Adaptation adapt(List<Entity> user, List<Entity> exampleEntities, String exampleCommand) {
        List<Slot> slots = new ArrayList<>(slotsOf(exampleCommand));
        cooccurring(exampleCommand, exampleEntities, slots);
        Fill fill = new Fill();
        for (EntityKind kind : ORDER) {
            fillKind(kind, user, exampleEntities, exampleCommand, slots, fill);
        }
        // A place the example's request named but the user's does not: search from here instead.
        boolean userNamesPlace = user.stream()
                .anyMatch(e -> e.kind() == EntityKind.PATH
                        || (e.kind() == EntityKind.FILE && e.value().contains("/")));
        if (!userNamesPlace) {
            for (Slot s : slots) {
                if (s.form().equals("start")
                        && !s.value().equals(".")
                        && !fill.edits.containsKey(s.start())
                        && exampleEntities.stream().anyMatch(e -> e.value().equals(s.value()))) {
                    fill.edits.put(s.start(), new Object[] {s.end(), "."});
                    fill.done.add("path:" + s.value() + "->.");
                }
            }
        }
        String command = addFindTests(apply(exampleCommand, fill.edits), user, slots, fill);
        for (Entity e : user) {
            if (!fill.carried.contains(e)
                    && e.kind() != EntityKind.SIZE
                    && e.kind() != EntityKind.DURATION
                    && command.contains(e.value())) {
                fill.carried.add(e);
            }
        }
        int foreign = foreignValues(user, exampleEntities, slots, fill.edits);
        return new Adaptation(command, fill.done, user.size(), fill.carried.size(), foreign);
    }

    /** What filling has done so far, shared by its steps. */
    private static final class Fill {
        /** Replacements by slot position: start -> [end, text]. */
        final Map<Integer, Object[]> edits = new LinkedHashMap<>();
        /** One "kind:old->new" per filled slot value. */
        final List<String> done = new ArrayList<>();
        /** Request values paired with a slot (whether or not written). */
        final Set<Entity> used = new HashSet<>();
        /** Request values the command carries. */
        final Set<Entity> carried = new HashSet<>();
    }

    private List<Slot> slotsOf(String exampleCommand) {
        List<Slot> found = slotCache.get(exampleCommand);
        if (found == null) {
            found = slotFinder.find(exampleCommand);
            if (slotCache.size() < MAX_CACHED) {
                slotCache.put(exampleCommand, found);
            }
        }
        return found;
    }

    /** Fills the command's slots of one kind with the request's values, when they pair unambiguously. */
    private static void fillKind(
            EntityKind kind,
            List<Entity> user,
            List<Entity> exampleEntities,
            String exampleCommand,
            List<Slot> slots,
            Fill fill) {
        List<String> slotValues = new ArrayList<>();
        for (Slot s : slots) {
            if (s.kind() == kind && !slotValues.contains(s.value())) {
                slotValues.add(s.value());
            }
        }
        if (slotValues.isEmpty()) {
            return;
        }
        List<Entity> offered = offered(user, fill.used, kind);
        if (offered.isEmpty()) {
            return;
        }
        // e.g. ln -s TARGET NAME with a file and a name in the request: every accepted kind, in request order
        List<Entity> anyKind = offeredAll(user, fill.used, kind);
        Map<String, Entity> pairing = offered.size() != slotValues.size() && anyKind.size() == slotValues.size()
                ? pair(slotValues, anyKind, exampleEntities, kind)
                : pair(slotValues, offered, exampleEntities, kind);
        for (Map.Entry<String, Entity> p : pairing.entrySet()) {
            Entity e = p.getValue();
            fill.used.add(e);
            if (p.getKey().equals(e.value())) {
                fill.carried.add(e);
                continue;
            }
            boolean placeOnly = e.kind() == EntityKind.PATH
                    && LOCATION.matcher(e.context()).find()
                    && ACTS_ON_OPERANDS.contains(io.clituner.inference.djl.bank.CommandPrograms.first(exampleCommand));
            Map<Integer, Object[]> mine = new LinkedHashMap<>();
            if (renderAll(kind, p.getKey(), e, placeOnly, slots, mine)) {
                fill.edits.putAll(mine);
                fill.carried.add(e);
                fill.done.add(kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + p.getKey() + "->" + e.value());
            }
        }
    }

    /**
     * Writes {@code e} into every slot of {@code kind} holding {@code slotValue} (into {@code edits});
     * false, with nothing to use, when one of them cannot take it.
     */
    private static boolean renderAll(
            EntityKind kind,
            String slotValue,
            Entity e,
            boolean placeOnly,
            List<Slot> slots,
            Map<Integer, Object[]> edits) {
        for (Slot s : slots) {
            if (s.kind() == kind && s.value().equals(slotValue)) {
                String text = placeOnly && !s.form().equals("start") ? null : render(s, e);
                if (text == null) {
                    return false;
                }
                edits.put(s.start(), new Object[] {s.end(), text});
            }
        }
        return true;
    }

    /** A find whose example lacked a test the request asks for gets it ("mp3 files over 10MB older than 6 months"). */
    private static String addFindTests(String command, List<Entity> user, List<Slot> slots, Fill fill) {
        String out = command;
        for (Entity e : unusedFindValues(user, fill.used, slots)) {
            String test = switch (e.kind()) {
                case EXTENSION -> "-name '*." + e.value() + "'";
                case SIZE -> "-size " + Units.findSize(lowerBound(e.context()) ? '-' : '+', Long.parseLong(e.value()));
                default -> Units.findTime('m', olderThan(e.context()) ? '+' : '-', Long.parseLong(e.value()));
            };
            String narrowed = CommandSlots.insertFindTest(out, test);
            if (narrowed != null) {
                out = narrowed;
                fill.used.add(e);
                fill.carried.add(e);
                fill.done.add(e.kind().name().toLowerCase(java.util.Locale.ROOT) + ":+" + test);
            }
        }
        return out;
    }

    /**
     * How many distinct values of the example's request its command keeps unreplaced (files, places,
     * names, texts) that the user's request does not hold.
     */
    private static int foreignValues(
            List<Entity> user, List<Entity> exampleEntities, List<Slot> slots, Map<Integer, Object[]> edits) {
        int foreign = 0;
        Set<String> replaced = new HashSet<>();
        for (Slot s : slots) {
            if (edits.containsKey(s.start())) {
                replaced.add(s.value());
            }
        }
        Set<String> counted = new HashSet<>();
        for (Slot s : slots) {
            if (!replaced.contains(s.value())
                    && !s.value().equals(".")
                    && counted.add(s.value())
                    && (s.kind() == EntityKind.FILE
                            || s.kind() == EntityKind.PATH
                            || s.kind() == EntityKind.NAME
                            || s.kind() == EntityKind.TEXT)
                    && exampleEntities.stream().anyMatch(e -> e.value().equals(s.value()))
                    && user.stream().noneMatch(e -> e.value().equals(s.value()))) {
                foreign++;
            }
        }
        return foreign;
    }

    /**
     * Numbers and texts of the example's request that its command holds where the parser saw no typed
     * slot ({@code $((7 * 6))}, {@code sed 's/foo/bar/'}): slots of the entity's kind.
     */
    private static void cooccurring(String command, List<Entity> exampleEntities, List<Slot> slots) {
        for (Entity e : exampleEntities) {
            if ((e.kind() != EntityKind.NUMBER && e.kind() != EntityKind.TEXT)
                    || e.value().isBlank()) {
                continue;
            }
            java.util.regex.Matcher m = Pattern.compile(
                            "(?<![A-Za-z0-9_])" + Pattern.quote(e.value()) + "(?![A-Za-z0-9_])")
                    .matcher(command);
            while (m.find()) {
                int at = m.start();
                int end = m.end();
                boolean inside = slots.stream().anyMatch(s -> at < s.end() && end > s.start());
                if (!inside) {
                    slots.add(new Slot(e.kind(), e.value(), at, end, CommandSlots.quotedAt(command, 0, at), "plain"));
                }
            }
        }
        slots.sort(java.util.Comparator.comparingInt(Slot::start));
    }

    private static List<EntityKind> accepts(EntityKind slotKind) {
        return Objects.requireNonNull(ACCEPTS.get(slotKind), "ACCEPTS lists every slot kind");
    }

    private static List<Entity> offered(List<Entity> user, Set<Entity> used, EntityKind slotKind) {
        for (EntityKind k : accepts(slotKind)) {
            List<Entity> out = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (Entity e : user) {
                if (e.kind() == k
                        && !used.contains(e)
                        && seen.add(e.value())
                        && !(slotKind == EntityKind.NAME && e.value().contains("/"))
                        && !(slotKind == EntityKind.FILE && k == EntityKind.PATH && !looksLikeFilePath(e.value()))) {
                    out.add(e);
                }
            }
            if (!out.isEmpty()) {
                return out;
            }
        }
        return List.of();
    }

    private static final Pattern LOWER_BOUND =
            Pattern.compile("(?i)\\b(under|smaller|less|below|at most|up to|lighter|tinier)\\b[^,;]*$");
    private static final Pattern UPPER_BOUND = Pattern.compile(
            "(?i)\\b(over|above|bigger|larger|greater|more than|at least|exceed\\w*|heavier|min(imum)?)\\b[^,;]*$");
    private static final Pattern NEWER =
            Pattern.compile("(?i)\\b(last|past|within|recent\\w*|newer|less than|in the|since|after|during)\\b[^,;]*$");
    private static final Pattern OLDER = Pattern.compile(
            "(?i)\\b(older|more than|over|before|not (been )?(modified|changed|touched|accessed|used)|untouched|stale|ago)\\b[^,;]*$");

    /** The request's one extension, size or span that no slot of the command took, for a find to test. */
    private static List<Entity> unusedFindValues(List<Entity> user, Set<Entity> used, List<Slot> slots) {
        List<Entity> out = new ArrayList<>();
        for (EntityKind k : List.of(EntityKind.EXTENSION, EntityKind.SIZE, EntityKind.DURATION)) {
            List<Entity> values = user.stream()
                    .filter(e -> e.kind() == k && !used.contains(e))
                    .toList();
            boolean hasSlot = slots.stream()
                    .anyMatch(s -> s.kind() == k || (k == EntityKind.EXTENSION && s.kind() == EntityKind.NAME));
            if (values.size() == 1
                    && !hasSlot
                    && (k != EntityKind.EXTENSION || values.get(0).value().matches("[A-Za-z0-9]{1,10}"))) {
                out.add(values.get(0));
            }
        }
        return out;
    }

    private static boolean lowerBound(String before) {
        return LOWER_BOUND.matcher(before).find();
    }

    private static boolean olderThan(String before) {
        return OLDER.matcher(before).find();
    }

    /** A place that may name a file ("/etc/hosts"), not a directory ("logs", "src/", "~"). */
    private static boolean looksLikeFilePath(String path) {
        return (path.contains("/") && !path.endsWith("/") && !path.equals("~") && !path.startsWith("~/"))
                || EntityExtractor.looksLikeFile(path);
    }

    /** Every request value a slot kind accepts, plus files for places (a link's target, a copy's source). */
    private static List<Entity> offeredAll(List<Entity> user, Set<Entity> used, EntityKind slotKind) {
        List<Entity> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Entity e : user) {
            boolean accepted = accepts(slotKind).contains(e.kind())
                    || (slotKind == EntityKind.PATH && e.kind() == EntityKind.FILE);
            if (accepted && !used.contains(e) && seen.add(e.value())) {
                out.add(e);
            }
        }
        return out;
    }

    /** Slot value → request entity, or empty when the pairing is ambiguous. */
    private static Map<String, Entity> pair(
            List<String> slotValues, List<Entity> offered, List<Entity> exampleEntities, EntityKind kind) {
        Map<String, Entity> out = new LinkedHashMap<>();
        if (slotValues.size() == offered.size()) {
            // A slot value the example's request names as kind K takes the request's one value of kind K
            // ("link named current to release-2" / "link named latest pointing to docs/x.md"); the rest go in order.
            List<Entity> rest = new ArrayList<>(offered);
            List<String> open = new ArrayList<>();
            for (String v : slotValues) {
                EntityKind named = exampleEntities.stream()
                        .filter(e -> e.value().equals(v))
                        .map(Entity::kind)
                        .findFirst()
                        .orElse(null);
                List<Entity> same = rest.stream().filter(e -> e.kind() == named).toList();
                if (named != null
                        && same.size() == 1
                        && offered.stream().filter(e -> e.kind() == named).count() == 1) {
                    out.put(v, same.get(0));
                    rest.remove(same.get(0));
                } else {
                    open.add(v);
                }
            }
            for (int i = 0; i < open.size(); i++) {
                out.put(open.get(i), rest.get(i));
            }
            return out;
        }
        if (offered.size() == 1) {
            // Several slot values: the one the example's own request names is the request's value.
            List<String> named = slotValues.stream()
                    .filter(v -> exampleEntities.stream()
                            .anyMatch(e -> e.value().equals(v) && accepts(kind).contains(e.kind())))
                    .toList();
            if (named.size() == 1) {
                out.put(named.get(0), offered.get(0));
            }
        }
        return out;
    }

    /** How the entity is written into the slot, or null when it cannot be written safely. */
    private static @Nullable String render(Slot s, Entity e) {
        String form = s.form();
        if (form.startsWith("size:")) {
            // the request's own bound wins over the example's: "bigger than 100k" into "-size -1M" gives +100k
            char sign = lowerBound(e.context())
                    ? '-'
                    : UPPER_BOUND.matcher(e.context()).find() ? '+' : form.charAt(5);
            return Units.findSize(sign, Long.parseLong(e.value()));
        }
        if (form.startsWith("time:")) {
            char sign =
                    olderThan(e.context()) ? '+' : NEWER.matcher(e.context()).find() ? '-' : form.charAt(7);
            return Units.findTime(form.charAt(5), sign, Long.parseLong(e.value()));
        }
        if (form.equals("phrase")) {
            return Units.phrase(Long.parseLong(e.value()));
        }
        String v = e.value();
        if (v.startsWith("-") && (s.kind() == EntityKind.FILE || s.kind() == EntityKind.PATH)) {
            v = "./" + v; // a file named like an option stays an operand
        }
        if (s.kind() == EntityKind.PORT) {
            v = v.replace(":", "");
        }
        if (s.quoted()) {
            return SAFE_IN_QUOTES.matcher(v).matches() ? v : null;
        }
        if (SAFE_PLAIN.matcher(v).matches() && !v.startsWith("-")) {
            return v;
        }
        // A value with spaces or shell characters becomes one single-quoted word.
        return SAFE_TO_QUOTE.matcher(v).matches() && !v.startsWith("-") ? "'" + v + "'" : null;
    }

    private static String apply(String command, Map<Integer, Object[]> edits) {
        if (edits.isEmpty()) {
            return command;
        }
        StringBuilder sb = new StringBuilder();
        int pos = 0;
        for (Map.Entry<Integer, Object[]> e : new TreeMap<>(edits).entrySet()) {
            Object[] edit = e.getValue();
            sb.append(command, pos, e.getKey()).append((String) edit[1]);
            pos = (int) edit[0];
        }
        return sb.append(command.substring(pos)).toString();
    }
}
