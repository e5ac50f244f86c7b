package io.clituner.examples.cli;

import static io.clituner.examples.cli.RegistryCommand.ordered;

import io.clituner.provenance.registry.TargetRef;
import io.clituner.provenance.registry.access.AccessDecision;
import io.clituner.provenance.registry.access.Caller;
import io.clituner.provenance.registry.access.Grant;
import io.clituner.provenance.registry.access.Permission;
import io.clituner.provenance.registry.routing.CapabilityRoute;
import io.clituner.provenance.registry.routing.RouteCandidate;
import io.clituner.provenance.registry.routing.RouteDecision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The access subcommands of {@code clituner registry}: grant and revoke permissions, ask whether a
 * caller is allowed, and define or resolve the capability routes that decide which version serves a
 * caller.
 */
final class RegistryAccessCommands {
    private RegistryAccessCommands() {}

    @Command(name = "grant", description = "Grant SERVICE[/AGENT] a permission on a model, version, alias or '*'.")
    static final class GrantCmd extends RegistryCommand.Sub {
        @Parameters(index = "0", paramLabel = "GRANTEE")
        String grantee;

        @Parameters(index = "1", paramLabel = "TARGET")
        String target;

        @Parameters(index = "2", paramLabel = "PERMISSION", description = "${COMPLETION-CANDIDATES}")
        Permission permission;

        @Option(names = "--revoke")
        boolean revoke;

        @Override
        public Integer call() {
            Grant g = Grant.of(Caller.parse(grantee), "*".equals(target) ? null : TargetRef.parse(target), permission);
            if (revoke) {
                boolean existed = run((r, caller) -> r.access().revoke(caller, g));
                print(ordered("revoked", existed), existed ? "revoked" : "no such grant");
                return existed ? 0 : 1;
            }
            Grant saved = run((r, caller) -> r.access().grant(caller, g));
            print(
                    ordered("grantee", grantee, "target", saved.targetText(), "permission", saved.permission()),
                    "granted " + permission + " on " + saved.targetText() + " to " + grantee);
            return 0;
        }
    }

    @Command(
            name = "check-access",
            description = {
                "Would CALLER be allowed PERMISSION on TARGET? Exit 0 if allowed, 1 if denied.",
                "Asking about another caller needs ADMIN; the audit log records both the asker and CALLER."
            })
    static final class CheckAccess extends RegistryCommand.Sub {
        @Parameters(index = "0", paramLabel = "CALLER")
        String caller;

        @Parameters(index = "1", paramLabel = "TARGET")
        String target;

        @Parameters(index = "2", paramLabel = "PERMISSION")
        Permission permission;

        @Override
        public Integer call() {
            AccessDecision d = run((r, asker) ->
                    r.access().checkAccess(asker, Caller.parse(caller), permission, TargetRef.parse(target)));
            print(
                    ordered("allowed", d.allowed(), "reason", d.reason()),
                    (d.allowed() ? "ALLOW: " : "DENY: ") + d.reason());
            return d.allowed() ? 0 : 1;
        }
    }

    @Command(name = "route", description = "Route a capability for --caller, or --define its candidates.")
    static final class Route extends RegistryCommand.Sub {
        @Parameters(index = "0", paramLabel = "CAPABILITY")
        String capability;

        @Option(names = "--caller", description = "route for this caller (default: you; another caller needs ADMIN)")
        String caller;

        @Option(names = "--define", description = "define the route instead of resolving it")
        boolean define;

        @Option(names = "--primary", description = "TARGET=WEIGHT, e.g. coder@champion=90")
        Map<String, Integer> primaries = new LinkedHashMap<>();

        @Option(names = "--fallback", description = "TARGET tried in order when no primary can serve")
        List<String> fallbacks = new ArrayList<>();

        @Option(names = "--shadow", description = "TARGET receiving a copy of the traffic for comparison")
        String shadow;

        @Override
        public Integer call() {
            if (define) {
                CapabilityRoute route = new CapabilityRoute(
                        capability,
                        primaries.entrySet().stream()
                                .map(e -> RouteCandidate.parse(e.getKey(), e.getValue()))
                                .toList(),
                        fallbacks.stream().map(TargetRef::parse).toList(),
                        shadow == null ? null : TargetRef.parse(shadow));
                run((r, caller) -> {
                    r.routes().defineRoute(caller, route);
                    return route;
                });
                print(ordered("defined", capability), "route " + capability + " defined");
                return 0;
            }
            RouteDecision d = run((r, asker) ->
                    r.routes().route(capability, asker, this.caller == null ? asker : Caller.parse(this.caller)));
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("capability", d.capability());
            doc.put("version", d.version().toString());
            doc.put("via", d.via().toString());
            doc.put("fallback", d.fallback());
            doc.put("shadow", d.shadow() == null ? null : d.shadow().toString());
            doc.put("skipped", d.skipped());
            print(
                    doc,
                    capability + " -> " + d.version() + " via " + d.via() + (d.fallback() ? " (fallback)" : "")
                            + (d.shadow() != null ? "  shadow " + d.shadow() : "")
                            + (d.skipped().isEmpty() ? "" : "\n  skipped: " + d.skipped()));
            return 0;
        }
    }
}
