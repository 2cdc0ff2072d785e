package dev.minirag.common.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minirag.documents.SourceKind;
import dev.minirag.documents.SourceStatus;
import dev.minirag.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.jdbi.v3.sqlobject.config.RegisterArgumentFactory;
import org.jdbi.v3.sqlobject.config.RegisterColumnMapperFactory;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A DAO binds and reads wire-named enums as the text the columns hold, on a plain Jdbi. */
class WireNameJdbiIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase(false);

  @RegisterArgumentFactory(WireNameArgumentFactory.class)
  @RegisterColumnMapperFactory(WireNameColumnMapperFactory.class)
  interface Probe {
    @SqlQuery("SELECT CAST(:kind AS text)")
    String bound(@Bind("kind") SourceKind kind);

    @SqlQuery("SELECT CAST(:text AS text)")
    SourceStatus read(@Bind("text") String text);
  }

  static Probe probe;

  @BeforeAll
  static void connect() {
    probe = Jdbi.create(DB.dataSource()).installPlugin(new SqlObjectPlugin()).onDemand(Probe.class);
  }

  @Test
  void bindsTheWireNameAndNullAsNull() {
    assertThat(probe.bound(SourceKind.YOUTUBE)).isEqualTo("youtube");
    assertThat(probe.bound(null)).isNull();
  }

  @Test
  void readsTheConstantOfAWireNameAndRefusesAnyOtherText() {
    assertThat(probe.read("ready")).isEqualTo(SourceStatus.READY);
    assertThat(probe.read(null)).isNull();
    assertThatThrownBy(() -> probe.read("READY"))
        .hasStackTraceContaining("holds READY, not a SourceStatus");
  }
}
