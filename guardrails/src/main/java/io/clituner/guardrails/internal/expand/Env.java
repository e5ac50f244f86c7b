package io.clituner.guardrails.internal.expand;

import io.clituner.guardrails.parse.Ast;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Variables, positional parameters, functions and aliases as tracked along one command line.
 * Copy-on-write is not needed at this scale: subshells copy.
 */
public final class Env {
    /** Stand-in for the user's home directory so rules can recognise it after any expansion. */
    public static final String HOME = "/home/~";

    private final Map<String, Value> vars;
    private @Nullable List<String> positional;
    private Origin positionalOrigin;
    private final Map<String, Ast.Command> functions;
    private final Map<String, String> aliases;

    public Env() {
        this(new HashMap<>(), new ArrayList<>(), Origin.LITERAL, new HashMap<>(), new HashMap<>());
    }

    private Env(
            Map<String, Value> vars,
            @Nullable List<String> positional,
            Origin positionalOrigin,
            Map<String, Ast.Command> functions,
            Map<String, String> aliases) {
        this.vars = vars;
        this.positional = positional;
        this.positionalOrigin = positionalOrigin;
        this.functions = functions;
        this.aliases = aliases;
    }

    /** Entries a {@link #copy()} duplicates (what it costs). */
    public int size() {
        return vars.size()
                + functions.size()
                + aliases.size()
                + namerefs.size()
                + (positional == null ? 0 : positional.size());
    }

    public Env copy() {
        Env e = new Env(
                new HashMap<>(vars),
                positional == null ? null : new ArrayList<>(positional),
                positionalOrigin,
                new HashMap<>(functions),
                new HashMap<>(aliases));
        e.namerefs.putAll(namerefs);
        e.argZero = argZero;
        return e;
    }

    /** $0: the shell's name, or the word after the code in {@code sh -c CODE NAME}. */
    private String argZero = "bash";

    public void setArgZero(String name) {
        argZero = name;
    }

    public String argZero() {
        return argZero;
    }

    /** declare -n NAME=TARGET: NAME reads and writes TARGET. */
    private final Map<String, String> namerefs = new HashMap<>();

    public void nameref(String name, String target) {
        namerefs.put(name, target);
    }

    /** The variable a name stands for after following {@code declare -n} references. */
    public String resolve(String name) {
        for (int hops = 0; hops < 8 && namerefs.containsKey(name); hops++) {
            name = namerefs.get(name);
        }
        return name;
    }

    public Value get(String name) {
        name = resolve(name);
        Value v = vars.get(name);
        if (v != null) {
            return v;
        }
        return switch (name) {
            case "HOME" -> Value.of(HOME, Origin.LITERAL);
            case "PWD" -> Value.of(".", Origin.LITERAL);
            case "SHELL", "BASH" -> Value.of("/bin/bash", Origin.LITERAL);
            // the current user's name, so /home/$USER is recognised as the home directory
            case "USER", "LOGNAME" -> Value.of("~", Origin.LITERAL);
            case "IFS" -> Value.of(" \t\n", Origin.LITERAL);
            case "RANDOM", "SECONDS", "LINENO", "UID", "EUID", "PPID", "BASHPID", "SHLVL" ->
                Value.unknown(Origin.LOCAL);
            default -> Value.UNKNOWN_UNSET;
        };
    }

    public void set(String name, Value v) {
        vars.put(resolve(name), v);
    }

    public void unset(String name) {
        vars.put(resolve(name), Value.of("", Origin.LITERAL));
    }

    public @Nullable List<String> positional() {
        return positional;
    }

    public Origin positionalOrigin() {
        return positionalOrigin;
    }

    /** Replaces $1…; {@code null} list means unknown (inside a function analysed without a call). */
    public void setPositional(@Nullable List<String> args, Origin origin) {
        this.positional = args == null ? null : new ArrayList<>(args);
        this.positionalOrigin = origin;
    }

    public void shift(int n) {
        if (positional != null) {
            positional = new ArrayList<>(positional.subList(Math.min(n, positional.size()), positional.size()));
        }
    }

    public void defineFunction(String name, Ast.Command body) {
        functions.put(name, body);
    }

    public Ast.@Nullable Command function(String name) {
        return functions.get(name);
    }

    public void defineAlias(String name, String value) {
        aliases.put(name, value);
    }

    public @Nullable String alias(String name) {
        return aliases.get(name);
    }
}
