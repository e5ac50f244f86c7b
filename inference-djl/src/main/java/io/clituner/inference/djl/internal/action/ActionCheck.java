package io.clituner.inference.djl.internal.action;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Whether a command's effects agree with a request's actions. Rules as data: an action may
 * <em>require</em> an effect (a deletion must remove something) and <em>forbid</em> others (an
 * encoding must not decode). A READ request (show, list, print, count… with no verb that changes
 * anything, saving included) forbids every change: removing, terminating, creating or writing a
 * file, moving.
 *
 * @param agrees whether the command may be returned for the request
 * @param reason why not, or "" when it agrees
 */
public record ActionCheck(boolean agrees, String reason) {
    private static final Map<Action, Set<Effect>> REQUIRES = Map.of(
            Action.DELETE, EnumSet.of(Effect.REMOVE),
            Action.REPLACE, EnumSet.of(Effect.REMOVE),
            Action.KILL, EnumSet.of(Effect.TERMINATE),
            Action.STOP, EnumSet.of(Effect.TERMINATE),
            Action.EXTRACT, EnumSet.of(Effect.EXTRACT));
    private static final Map<Action, Set<Effect>> FORBIDS = Map.of(
            Action.READ, EnumSet.of(Effect.REMOVE, Effect.TERMINATE, Effect.CREATE, Effect.MOVE),
            Action.CREATE, EnumSet.of(Effect.REMOVE),
            Action.COPY, EnumSet.of(Effect.MOVE, Effect.REMOVE),
            Action.START, EnumSet.of(Effect.TERMINATE),
            Action.COMPRESS, EnumSet.of(Effect.EXTRACT),
            Action.EXTRACT, EnumSet.of(Effect.COMPRESS),
            Action.ENCODE, EnumSet.of(Effect.DECODE),
            Action.DECODE, EnumSet.of(Effect.ENCODE));

    public static ActionCheck of(Set<Action> actions, Set<Effect> effects) {
        boolean mutating = actions.stream().anyMatch(a -> a != Action.READ);
        boolean deleting = actions.contains(Action.DELETE) || actions.contains(Action.REPLACE);
        for (Action a : actions) {
            Set<Effect> required = REQUIRES.get(a);
            if (required != null && required.stream().noneMatch(effects::contains)) {
                return new ActionCheck(
                        false, "the request asks to " + verb(a) + " but the command does not " + describe(required));
            }
            Set<Effect> forbidden = FORBIDS.get(a);
            if (forbidden != null && !((a == Action.CREATE || a == Action.COPY) && deleting)) {
                for (Effect e : forbidden) {
                    if (effects.contains(e) && !(a == Action.READ && mutating)) {
                        return new ActionCheck(
                                false,
                                "the request asks to " + verb(a) + " but the command would " + describe(Set.of(e)));
                    }
                }
            }
        }
        return new ActionCheck(true, "");
    }

    /** Whether the request names an action the check can hold a command to (anything but none). */
    public static boolean constrains(Set<Action> actions) {
        return !actions.isEmpty();
    }

    private static String verb(Action a) {
        return a == Action.READ ? "only look" : a.name().toLowerCase(Locale.ROOT);
    }

    private static String describe(Set<Effect> effects) {
        return String.join(
                " or ",
                effects.stream()
                        .map(e -> switch (e) {
                            case REMOVE -> "remove anything";
                            case CREATE -> "create anything";
                            case TERMINATE -> "stop or kill anything";
                            case MOVE -> "move the original away";
                            case COMPRESS -> "compress";
                            case EXTRACT -> "extract";
                            case ENCODE -> "encode";
                            case DECODE -> "decode";
                        })
                        .toList());
    }
}
