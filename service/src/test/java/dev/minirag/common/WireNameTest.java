package dev.minirag.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.documents.IngestOutcome;
import dev.minirag.documents.SourceKind;
import dev.minirag.documents.SourceStatus;
import dev.minirag.search.FusionMethod;
import dev.minirag.search.SearchMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Wire-named enums are written and read by Jackson as their wire names, as strings were. */
class WireNameTest {

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void jacksonWritesAndReadsTheWireName() throws Exception {
    for (Class<? extends Enum<?>> type :
        List.of(
            SourceKind.class,
            SourceStatus.class,
            IngestOutcome.class,
            SearchMode.class,
            FusionMethod.class)) {
      for (Enum<?> constant : type.getEnumConstants()) {
        String wire = ((WireName) constant).wire();
        assertThat(wire).isEqualTo(constant.name().toLowerCase(java.util.Locale.ROOT));
        assertThat(json.writeValueAsString(constant)).isEqualTo("\"" + wire + "\"");
        assertThat(json.readValue("\"" + wire + "\"", type)).isSameAs(constant);
      }
    }
  }

  @Test
  void fromWireKnowsOnlyTheExactNames() {
    assertThat(WireName.fromWire(SourceKind.class, "youtube")).contains(SourceKind.YOUTUBE);
    assertThat(WireName.fromWire(SourceKind.class, "YOUTUBE")).isEmpty();
    assertThat(WireName.fromWire(SourceKind.class, null)).isEmpty();
  }
}
