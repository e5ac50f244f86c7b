-- Registry schema, version 2: who callers are, what promotion requires, and the audit outbox.

-- Principals: callers known by public key. A request signed by key_id acts as service_id/agent_id
-- (agent_id '' = the service itself).
CREATE TABLE registry_principals (
    key_id         TEXT PRIMARY KEY,
    service_id     TEXT NOT NULL,
    agent_id       TEXT NOT NULL,
    public_key_pem TEXT NOT NULL,
    added_by       TEXT NOT NULL,
    added_at       TEXT NOT NULL
);

-- Nonces of signed requests already seen, kept while their time window is open (replay refusal).
CREATE TABLE registry_nonces (
    key_id    TEXT NOT NULL,
    nonce     TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    PRIMARY KEY (key_id, nonce)
);

-- Gate policy per model (scope = model name) or registry default (scope '*'), per target stage,
-- with the administrator-signed DSSE envelope that set it.
CREATE TABLE registry_gate_policies (
    scope         TEXT NOT NULL,
    stage         TEXT NOT NULL,
    policy_json   TEXT NOT NULL,
    envelope_json TEXT NOT NULL,
    revision      BIGINT NOT NULL,
    updated_by    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (scope, stage)
);

-- Signed evaluation records attached to a version (verified again, against the policy, at promotion).
CREATE TABLE registry_evaluations (
    model         TEXT NOT NULL,
    version       TEXT NOT NULL,
    digest        TEXT NOT NULL,
    envelope_json TEXT NOT NULL,
    recorded_by   TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    PRIMARY KEY (model, version, digest),
    FOREIGN KEY (model, version) REFERENCES registry_versions(model, version)
);

-- Audit outbox: each change's audit event is written here in the change's own transaction and
-- moved to the audit sink after commit, so a change never lacks its event and a rolled-back change
-- never has one.
CREATE TABLE registry_outbox (
    seq        BIGINT PRIMARY KEY,
    event_json TEXT NOT NULL
);
