package dev.minirag.metrics;

import io.prometheus.client.Collector;
import io.prometheus.client.Collector.MetricFamilySamples.Sample;
import io.prometheus.client.dropwizard.samplebuilder.SampleBuilder;
import java.util.List;
import java.util.Locale;

/**
 * Dropwizard metric names as Prometheus expects them: {@code AdminResource.setRole} becomes {@code
 * admin_resource_set_role} (Prometheus names are snake_case), and a Dropwizard name that itself
 * ends in {@code .total} (Jersey's per-resource timers) becomes {@code _all}, since only counters
 * may end in {@code _total}. Suffixes the exporter adds ({@code _total} of a meter, {@code _count},
 * {@code _sum}) are kept as they are.
 */
final class SnakeCaseSampleBuilder implements SampleBuilder {

  @Override
  public Sample createSample(
      String dropwizardName,
      String nameSuffix,
      List<String> labelNames,
      List<String> labelValues,
      double value) {
    String name = snakeCase(Collector.sanitizeMetricName(dropwizardName));
    if (name.endsWith("_total")) {
      name = name.substring(0, name.length() - "_total".length()) + "_all";
    }
    String suffix = nameSuffix == null ? "" : nameSuffix;
    return new Sample(
        name + suffix,
        labelNames == null ? List.of() : labelNames,
        labelValues == null ? List.of() : labelValues,
        value);
  }

  static String snakeCase(String name) {
    StringBuilder out = new StringBuilder(name.length() + 8);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c)) {
        char prev = i == 0 ? '_' : name.charAt(i - 1);
        boolean nextLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
        // A boundary before an upper-case letter that follows a lower-case one or starts a word
        // after
        // an acronym: setRole -> set_role, HTTPClient -> http_client.
        if (prev != '_'
            && (Character.isLowerCase(prev)
                || Character.isDigit(prev)
                || (Character.isUpperCase(prev) && nextLower))) {
          out.append('_');
        }
        out.append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString().toLowerCase(Locale.ROOT).replaceAll("_+", "_");
  }
}
