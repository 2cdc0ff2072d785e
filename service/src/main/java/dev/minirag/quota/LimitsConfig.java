package dev.minirag.quota;

import com.fasterxml.jackson.annotation.JsonMerge;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Quotas and rate limits. {@code defaults} apply to every plan for what the plan does not set; an
 * organization without a plan of its own is on {@code defaultPlan}; a system admin may override any
 * limit per workspace. {@code 0} means unlimited everywhere.
 */
public class LimitsConfig {
  /** The plan name that means "just the defaults". */
  public static final String DEFAULT_PLAN_NAME = "default";

  /** LIMITS_ENABLED: false turns every quota and rate limit off (usage is still counted). */
  @JsonProperty private boolean enabled = true;

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** LIMITS_DEFAULT_PLAN: the plan of organizations that were not given one. */
  @JsonProperty @NotBlank private String defaultPlan = DEFAULT_PLAN_NAME;

  public String getDefaultPlan() {
    return defaultPlan;
  }

  /**
   * LIMIT_*: what every plan has unless it says otherwise. Merged, not replaced: a block that sets
   * some limits keeps the defaults of the others (a plan's unset limit inherits from here, but this
   * has nothing to inherit from).
   */
  @JsonProperty @JsonMerge @Valid @NotNull
  private PlanLimits defaults = PlanLimits.of(0L, 0L, 0L, 0L, 0L, 600L);

  public PlanLimits getDefaults() {
    return defaults;
  }

  /** Named plans (billing sells them); listing plans replaces these. */
  @JsonProperty @Valid @NotNull private Map<String, @Valid PlanLimits> plans = standardPlans();

  public Map<String, PlanLimits> getPlans() {
    return plans;
  }

  /** How long a node trusts the limits it read for a workspace before reading them again. */
  @JsonProperty
  @Min(0)
  private long cacheMillis = 5000;

  public long getCacheMillis() {
    return cacheMillis;
  }

  private static Map<String, PlanLimits> standardPlans() {
    Map<String, PlanLimits> plans = new LinkedHashMap<>();
    plans.put("free", PlanLimits.of(20_000L, 500L, 104_857_600L, 200L, 2_000L, 120L));
    plans.put(
        "team", PlanLimits.of(1_000_000L, 50_000L, 5_368_709_120L, 10_000L, 100_000L, 1_200L));
    return plans;
  }

  /** Throws naming the setting when the default plan is not defined. */
  public void validate() {
    if (!knows(defaultPlan)) {
      throw new IllegalStateException(
          "LIMITS_DEFAULT_PLAN (limits.defaultPlan) names the plan '"
              + defaultPlan
              + "', which limits.plans does not define; known plans: "
              + planNames());
    }
  }

  public boolean knows(String plan) {
    return DEFAULT_PLAN_NAME.equals(plan) || plans.containsKey(plan);
  }

  public List<String> planNames() {
    List<String> names = new ArrayList<>();
    names.add(DEFAULT_PLAN_NAME);
    names.addAll(plans.keySet());
    return names;
  }
}
