-- Registry schema, version 1. Portable SQL shared by SQLite and PostgreSQL: TEXT keys, BIGINT
-- counters, ISO-8601 instants as TEXT, JSON documents as TEXT. No auto-increment (the dialects
-- differ); sequence numbers are computed inside the writing transaction.

CREATE TABLE registry_models (
    name        TEXT PRIMARY KEY,
    description TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE registry_versions (
    model             TEXT NOT NULL REFERENCES registry_models(name),
    version           TEXT NOT NULL,
    stage             TEXT NOT NULL,
    created_by        TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    source            TEXT,
    root_digest       TEXT NOT NULL,
    manifest_json     TEXT NOT NULL,
    envelope_json     TEXT NOT NULL,
    metrics_json      TEXT NOT NULL,
    capabilities_json TEXT NOT NULL,
    serving_json      TEXT NOT NULL,
    run_digest        TEXT,
    revision          BIGINT NOT NULL,
    PRIMARY KEY (model, version)
);

CREATE TABLE registry_lineage (
    child_model    TEXT NOT NULL,
    child_version  TEXT NOT NULL,
    parent_model   TEXT NOT NULL,
    parent_version TEXT NOT NULL,
    method         TEXT NOT NULL,
    details_json   TEXT NOT NULL,
    PRIMARY KEY (child_model, child_version, parent_model, parent_version),
    FOREIGN KEY (child_model, child_version) REFERENCES registry_versions(model, version),
    FOREIGN KEY (parent_model, parent_version) REFERENCES registry_versions(model, version)
);
CREATE INDEX registry_lineage_parent ON registry_lineage (parent_model, parent_version);

CREATE TABLE registry_promotions (
    model      TEXT NOT NULL,
    version    TEXT NOT NULL,
    seq        BIGINT NOT NULL,
    from_stage TEXT NOT NULL,
    to_stage   TEXT NOT NULL,
    actor      TEXT NOT NULL,
    at         TEXT NOT NULL,
    gates_json TEXT NOT NULL,
    PRIMARY KEY (model, version, seq),
    FOREIGN KEY (model, version) REFERENCES registry_versions(model, version)
);

CREATE TABLE registry_aliases (
    model   TEXT NOT NULL REFERENCES registry_models(name),
    alias   TEXT NOT NULL,
    version TEXT NOT NULL,
    seq     BIGINT NOT NULL,
    PRIMARY KEY (model, alias)
);

CREATE TABLE registry_alias_history (
    model        TEXT NOT NULL,
    alias        TEXT NOT NULL,
    seq          BIGINT NOT NULL,
    from_version TEXT,
    to_version   TEXT NOT NULL,
    actor        TEXT NOT NULL,
    reason       TEXT NOT NULL,
    at           TEXT NOT NULL,
    PRIMARY KEY (model, alias, seq)
);

CREATE TABLE registry_datasets (
    sha256               TEXT PRIMARY KEY,
    name                 TEXT NOT NULL,
    licence              TEXT NOT NULL,
    pii                  INTEGER NOT NULL,
    sources_json         TEXT NOT NULL,
    transformations_json TEXT NOT NULL,
    registered_by        TEXT NOT NULL,
    registered_at        TEXT NOT NULL
);

CREATE TABLE registry_pii_approvals (
    sha256   TEXT NOT NULL REFERENCES registry_datasets(sha256),
    approver TEXT NOT NULL,
    reason   TEXT NOT NULL,
    at       TEXT NOT NULL,
    PRIMARY KEY (sha256, approver)
);

CREATE TABLE registry_runs (
    digest        TEXT PRIMARY KEY,
    record_json   TEXT NOT NULL,
    registered_by TEXT NOT NULL,
    registered_at TEXT NOT NULL
);

-- agent_id '' means "any agent of the service" (NULL cannot take part in a primary key portably)
CREATE TABLE registry_grants (
    service_id TEXT NOT NULL,
    agent_id   TEXT NOT NULL,
    target     TEXT NOT NULL,
    permission TEXT NOT NULL,
    granted_by TEXT NOT NULL,
    granted_at TEXT NOT NULL,
    PRIMARY KEY (service_id, agent_id, target, permission)
);

CREATE TABLE registry_routes (
    capability TEXT PRIMARY KEY,
    route_json TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
