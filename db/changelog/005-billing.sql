--liquibase formatted sql logicalFilePath:db/changelog/005-billing.sql

--changeset minirag:005-organization-billing
-- One row per organization once billing has looked at it (its trial starts then). The plan that
-- sets quotas stays organizations.plan; this row is what Stripe says about paying for it.
CREATE TABLE organization_billing (
    organization_id         uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    stripe_customer_id      text UNIQUE CHECK (length(stripe_customer_id) BETWEEN 1 AND 255),
    stripe_subscription_id  text UNIQUE CHECK (length(stripe_subscription_id) BETWEEN 1 AND 255),
    status                  text NOT NULL CHECK (status IN ('trialing', 'active', 'past_due', 'canceled', 'unpaid',
                                                            'incomplete', 'incomplete_expired', 'paused')),
    trial_ends_at           timestamptz,
    current_period_end      timestamptz,
    -- When the status first left trialing/active: the grace period counts from here, so moving
    -- from past_due to unpaid does not restart it. NULL while in good standing.
    lapsed_since            timestamptz,
    test_mode               boolean NOT NULL DEFAULT false,
    -- When the subscription state written here was read from Stripe: an older read never
    -- overwrites a newer one, whatever order the webhooks arrive in.
    synced_at               timestamptz,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now()
);

--changeset minirag:005-billing-events
-- Every verified Stripe event, stored once by its id: a replay finds its row and changes nothing.
CREATE TABLE billing_events (
    event_id         text PRIMARY KEY CHECK (length(event_id) BETWEEN 1 AND 255),
    type             text NOT NULL CHECK (length(type) BETWEEN 1 AND 255),
    organization_id  uuid REFERENCES organizations (id) ON DELETE SET NULL,
    outcome          text NOT NULL CHECK (outcome IN ('applied', 'unchanged', 'stale', 'ignored')),
    livemode         boolean NOT NULL,
    stripe_created   timestamptz NOT NULL,
    received_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX billing_events_organization_idx ON billing_events (organization_id, received_at);
