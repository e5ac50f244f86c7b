package io.clituner.provenance.registry;

import java.util.List;

/**
 * The lineage of one version, walked both ways: every edge reachable towards the roots (ancestors)
 * and towards the leaves (descendants), each list in breadth-first order.
 */
public record Lineage(VersionRef version, List<LineageEdge> ancestors, List<LineageEdge> descendants) {
    public Lineage {
        ancestors = List.copyOf(ancestors);
        descendants = List.copyOf(descendants);
    }

    /** The upstream roots: ancestors that have no parents themselves. */
    public List<VersionRef> roots() {
        var parents = ancestors.stream().map(LineageEdge::parent).distinct().toList();
        var children = ancestors.stream().map(LineageEdge::child).collect(java.util.stream.Collectors.toSet());
        return parents.stream().filter(p -> !children.contains(p)).toList();
    }
}
