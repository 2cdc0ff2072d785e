package dev.minirag.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SnakeCaseSampleBuilderTest {

  private final SnakeCaseSampleBuilder builder = new SnakeCaseSampleBuilder();

  @Test
  void dropwizardNamesBecomeSnakeCase() {
    assertThat(
            builder.createSample("dev.minirag.admin.AdminResource.setRole", "", null, null, 1).name)
        .isEqualTo("dev_minirag_admin_admin_resource_set_role");
    assertThat(
            builder.createSample("TimeBoundHealthCheck-pool.created", "_total", null, null, 1).name)
        .isEqualTo("time_bound_health_check_pool_created_total");
    assertThat(SnakeCaseSampleBuilder.snakeCase("HTTPClient_x9Y")).isEqualTo("http_client_x9_y");
  }

  @Test
  void onlyTheExportersOwnSuffixMayEndInTotal() {
    assertThat(
            builder.createSample("dev.minirag.X.list.total", "_count", List.of(), List.of(), 1)
                .name)
        .isEqualTo("dev_minirag_x_list_all_count");
    assertThat(builder.createSample("jetty.requests", "_total", List.of(), List.of(), 1).name)
        .isEqualTo("jetty_requests_total");
  }
}
