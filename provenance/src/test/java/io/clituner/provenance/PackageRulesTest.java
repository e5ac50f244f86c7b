package io.clituner.provenance;

import io.clituner.core.testing.PackageRules;

/** This module's main code keeps the project's package rules: no cycle, every package null-marked. */
class PackageRulesTest extends PackageRules {
    PackageRulesTest() {
        super("io.clituner.provenance");
    }
}
