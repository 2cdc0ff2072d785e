--liquibase formatted sql logicalFilePath:db/changelog/006-accounts.sql

--changeset minirag:006-user-identities
-- Who a person is at a sign-in provider: (issuer, subject) never changes for them, unlike their email
-- (which some providers let anyone set). Sign-in finds the user by this pair; see docs/identity.md.
-- Users from before this table have no rows: each is linked on their next sign-in whose email the
-- provider verifies (the rule for any user without an identity), so nothing is backfilled.
CREATE TABLE user_identities (
    issuer        text NOT NULL CHECK (length(issuer) BETWEEN 1 AND 2048),
    subject       text NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
    user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    email         text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_used_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (issuer, subject)
);
CREATE INDEX user_identities_user_idx ON user_identities (user_id);

--changeset minirag:006-users-email-verified
-- Set when a provider has vouched for the address (a verified sign-in): only then are invitations
-- addressed to it shown to this user and can be accepted.
ALTER TABLE users ADD COLUMN email_verified_at timestamptz;

--changeset minirag:006-invitations
-- An invitation to a workspace for an email that has no account yet. Open = not accepted, declined
-- or revoked; at most one open invitation per workspace and email (inviting again renews it).
CREATE TABLE invitations (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id  uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    email         text NOT NULL CHECK (email = lower(email) AND position('@' in email) > 1 AND length(email) <= 320),
    role          text NOT NULL CHECK (role IN ('owner', 'admin', 'editor', 'reader')),
    invited_by    uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    accepted_at   timestamptz,
    declined_at   timestamptz,
    revoked_at    timestamptz,
    CHECK (num_nonnulls(accepted_at, declined_at, revoked_at) <= 1)
);
CREATE UNIQUE INDEX invitations_open_key ON invitations (workspace_id, email)
    WHERE accepted_at IS NULL AND declined_at IS NULL AND revoked_at IS NULL;
CREATE INDEX invitations_email_idx ON invitations (email) WHERE accepted_at IS NULL AND declined_at IS NULL AND revoked_at IS NULL;
