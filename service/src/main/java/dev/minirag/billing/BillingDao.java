package dev.minirag.billing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transactional;

/** Organizations' billing state and the Stripe events applied to it. */
@RegisterConstructorMapper(BillingRow.class)
public interface BillingDao extends Transactional<BillingDao> {

  String COLUMNS =
      """
      organization_id, stripe_customer_id, stripe_subscription_id, status, trial_ends_at,
      current_period_end, lapsed_since, test_mode, synced_at
      """;

  @SqlQuery("SELECT organization_id FROM workspaces WHERE id = :ws")
  Optional<UUID> organizationOf(@Bind("ws") UUID workspaceId);

  @SqlQuery("SELECT id FROM organizations WHERE id = :org")
  Optional<UUID> organization(@Bind("org") UUID organizationId);

  /** Starts the organization's trial; empty when it already has a row. */
  @SqlQuery(
      """
      INSERT INTO organization_billing (organization_id, status, trial_ends_at, test_mode)
      SELECT id, 'trialing', :trialEnd, :testMode FROM organizations WHERE id = :org
      ON CONFLICT (organization_id) DO NOTHING
      RETURNING organization_id
      """)
  Optional<UUID> startTrial(
      @Bind("org") UUID organizationId,
      @Bind("trialEnd") Instant trialEnd,
      @Bind("testMode") boolean testMode);

  @SqlQuery("SELECT " + COLUMNS + " FROM organization_billing WHERE organization_id = :org")
  Optional<BillingRow> find(@Bind("org") UUID organizationId);

  /** The row, locked until the transaction ends: events of one organization apply one at a time. */
  @SqlQuery(
      "SELECT " + COLUMNS + " FROM organization_billing WHERE organization_id = :org FOR UPDATE")
  Optional<BillingRow> lock(@Bind("org") UUID organizationId);

  /**
   * Waits for, then holds until the transaction ends, the organization's billing turn. Two-key form
   * (billing's own key space, 0x6269 = "bi"); organizations whose ids hash alike merely share
   * turns.
   */
  @SqlQuery("SELECT pg_advisory_xact_lock(26729, hashtext(CAST(:org AS text))) IS NOT NULL")
  boolean serialize(@Bind("org") UUID organizationId);

  @SqlQuery("SELECT organization_id FROM organization_billing WHERE stripe_customer_id = :customer")
  Optional<UUID> byCustomer(@Bind("customer") String customerId);

  @SqlQuery("SELECT organization_id FROM organization_billing WHERE stripe_subscription_id = :sub")
  Optional<UUID> bySubscription(@Bind("sub") String subscriptionId);

  /** Links a Stripe customer to the organization unless it already has one. */
  @SqlUpdate(
      """
      UPDATE organization_billing SET stripe_customer_id = :customer, updated_at = now()
      WHERE organization_id = :org AND stripe_customer_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM organization_billing WHERE stripe_customer_id = :customer)
      """)
  int linkCustomer(@Bind("org") UUID organizationId, @Bind("customer") String customerId);

  @SqlUpdate(
      """
      UPDATE organization_billing SET
        stripe_customer_id = coalesce(stripe_customer_id, :customer),
        stripe_subscription_id = :sub, status = :status, current_period_end = :periodEnd,
        lapsed_since = :lapsedSince, test_mode = :testMode, synced_at = :syncedAt, updated_at = now()
      WHERE organization_id = :org
      """)
  void writeSubscription(
      @Bind("org") UUID organizationId,
      @Bind("customer") String customerId,
      @Bind("sub") String subscriptionId,
      @Bind("status") String status,
      @Bind("periodEnd") Instant currentPeriodEnd,
      @Bind("lapsedSince") Instant lapsedSince,
      @Bind("testMode") boolean testMode,
      @Bind("syncedAt") Instant syncedAt);

  @SqlQuery("SELECT EXISTS (SELECT 1 FROM billing_events WHERE event_id = :id)")
  boolean eventSeen(@Bind("id") String eventId);

  /** Stores the event; empty when it was stored before (a replay or a concurrent duplicate). */
  @SqlQuery(
      """
      INSERT INTO billing_events (event_id, type, outcome, livemode, stripe_created)
      VALUES (:id, :type, 'ignored', :livemode, :created)
      ON CONFLICT (event_id) DO NOTHING
      RETURNING event_id
      """)
  Optional<String> storeEvent(
      @Bind("id") String eventId,
      @Bind("type") String type,
      @Bind("livemode") boolean livemode,
      @Bind("created") Instant created);

  @SqlUpdate(
      "UPDATE billing_events SET outcome = :outcome, organization_id = :org WHERE event_id = :id")
  void settleEvent(
      @Bind("id") String eventId,
      @Bind("outcome") String outcome,
      @Bind("org") UUID organizationId);

  /**
   * The role of the user in the organization's first workspace, whose owners and admins manage
   * billing.
   */
  @SqlQuery(
      """
      SELECT m.role FROM memberships m
      WHERE m.user_id = :user AND m.workspace_id = (
        SELECT w.id FROM workspaces w WHERE w.organization_id = :org ORDER BY w.created_at, w.id LIMIT 1)
      """)
  Optional<String> roleInFirstWorkspace(
      @Bind("org") UUID organizationId, @Bind("user") UUID userId);

  record OrganizationRow(
      UUID id,
      String name,
      String plan,
      Instant createdAt,
      long workspaces,
      String stripeCustomerId,
      String stripeSubscriptionId,
      String status,
      Instant trialEndsAt,
      Instant currentPeriodEnd,
      Instant lapsedSince,
      Boolean testMode) {}

  @SqlQuery(
      """
      SELECT o.id, o.name, o.plan, o.created_at,
             (SELECT count(*) FROM workspaces w WHERE w.organization_id = o.id) AS workspaces,
             b.stripe_customer_id, b.stripe_subscription_id, b.status, b.trial_ends_at,
             b.current_period_end, b.lapsed_since, b.test_mode
      FROM organizations o LEFT JOIN organization_billing b ON b.organization_id = o.id
      ORDER BY o.created_at, o.id
      LIMIT :limit OFFSET :offset
      """)
  @RegisterConstructorMapper(OrganizationRow.class)
  List<OrganizationRow> organizations(@Bind("limit") int limit, @Bind("offset") int offset);
}
