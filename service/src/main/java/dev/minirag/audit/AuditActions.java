package dev.minirag.audit;

/** Action names written to audit_events.action. */
public final class AuditActions {
  public static final String SIGN_IN = "auth.sign_in";
  public static final String SIGN_OUT = "auth.sign_out";
  public static final String SIGN_OUT_EVERYWHERE = "auth.sign_out_everywhere";
  public static final String AUTH_FAILED = "auth.failed";
  public static final String KEY_CREATE = "api_key.create";
  public static final String KEY_REVOKE = "api_key.revoke";
  public static final String MEMBER_ADD = "member.add";
  public static final String MEMBER_ROLE = "member.role_change";
  public static final String MEMBER_REMOVE = "member.remove";
  public static final String WORKSPACE_CREATE = "workspace.create";
  public static final String WORKSPACE_RENAME = "workspace.rename";
  public static final String WORKSPACE_DELETE = "workspace.delete";

  /** A workspace's content downloaded as an archive, or taken in from one (details: counts). */
  public static final String WORKSPACE_EXPORT = "workspace.export";

  public static final String WORKSPACE_IMPORT = "workspace.import";
  public static final String USER_SYSTEM_ADMIN = "user.system_admin_change";
  public static final String USER_CREATE = "user.create";

  /** A sign-in identity (issuer, subject) attached to an account that had none. */
  public static final String USER_IDENTITY_LINK = "user.identity_link";

  /**
   * An operator moved an account off an email no provider verified for it ({@code users
   * release-email}).
   */
  public static final String USER_EMAIL_RELEASE = "user.email_release";

  public static final String INVITATION_CREATE = "invitation.create";
  public static final String INVITATION_ACCEPT = "invitation.accept";
  public static final String INVITATION_DECLINE = "invitation.decline";
  public static final String INVITATION_REVOKE = "invitation.revoke";

  /** For the content features (after merge). */
  public static final String SOURCE_INGEST = "source.ingest";

  public static final String SOURCE_DELETE = "source.delete";
  public static final String SOURCE_RESYNC_SETTINGS = "source.resync_settings";
  public static final String JOB_START = "job.start";
  public static final String JOB_CANCEL = "job.cancel";

  public static final String QUOTA_THRESHOLD = "quota.threshold";
  public static final String WORKSPACE_LIMITS = "workspace.limits_change";
  public static final String ORGANIZATION_PLAN = "organization.plan_change";

  public static final String BILLING_TRIAL_START = "billing.trial_start";
  public static final String BILLING_CHECKOUT = "billing.checkout";
  public static final String BILLING_PORTAL = "billing.portal";

  /** One per Stripe event stored (a replay writes none); details say what it changed. */
  public static final String BILLING_EVENT = "billing.stripe_event";

  private AuditActions() {}
}
