package dev.minirag.billing;

import dev.minirag.common.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 402 in the one error shape: the organization's trial ended without a subscription, or a lapsed
 * payment outlived its grace period. Details name why and where to fix it (the console's Billing).
 */
public class PaymentRequiredException extends ApiException {

  public PaymentRequiredException(Standing standing, BillingRow row, String billingUrl) {
    super(402, message(standing, row, billingUrl), details(standing, row, billingUrl));
    withHeader("Link", "<" + billingUrl + ">; rel=\"payment\"");
  }

  private static String message(Standing standing, BillingRow row, String billingUrl) {
    String why =
        "trial_ended".equals(standing.reason())
            ? "the trial ended on " + row.trialEndsAt()
            : "the subscription is "
                + standing.reason().replace('_', ' ')
                + " (grace period ended "
                + standing.graceEndsAt()
                + ")";
    return "Payment required: "
        + why
        + ". Adding sources resumes once the subscription is paid, on the Billing screen: "
        + billingUrl
        + ". Search, ask, listing and deletion keep working.";
  }

  private static Map<String, Object> details(Standing standing, BillingRow row, String billingUrl) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("reason", standing.reason());
    d.put("status", row.billingStatus());
    d.put("trialEndsAt", row.trialEndsAt());
    d.put("graceEndsAt", standing.graceEndsAt());
    d.put("billingUrl", billingUrl);
    return d;
  }
}
