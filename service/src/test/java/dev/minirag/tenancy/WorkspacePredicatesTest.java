package dev.minirag.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The textual check WorkspaceKeysIT applies to every DAO statement, on known cases. */
class WorkspacePredicatesTest {

  private static final Set<String> SCOPED = Set.of("sources", "chunks", "jobs", "invitations");

  @Test
  void aJoinOnTheSourceAloneIsCaught() {
    assertThat(
            WorkspacePredicates.missing(
                """
                SELECT c.id FROM chunks c JOIN sources s ON s.id = c.source_id
                WHERE c.workspace_id = :ws AND c.id = ANY(:ids)
                """,
                SCOPED))
        .containsExactly("sources s");
  }

  @Test
  void aCompositeJoinPasses() {
    assertThat(
            WorkspacePredicates.missing(
                """
                SELECT c.id FROM chunks c
                JOIN sources s ON s.workspace_id = c.workspace_id AND s.id = c.source_id
                WHERE c.workspace_id = :ws
                """,
                SCOPED))
        .isEmpty();
  }

  @Test
  void aLookupByBareIdIsCaught() {
    assertThat(WorkspacePredicates.missing("UPDATE sources SET x = 1 WHERE id = :id", SCOPED))
        .containsExactly("sources");
    assertThat(WorkspacePredicates.missing("DELETE FROM jobs WHERE id = :id", SCOPED))
        .containsExactly("jobs");
    assertThat(
            WorkspacePredicates.missing(
                "UPDATE sources SET x = 1 WHERE workspace_id = :ws AND id = :id", SCOPED))
        .isEmpty();
  }

  @Test
  void anInsertMustListTheWorkspace() {
    assertThat(
            WorkspacePredicates.missing(
                "INSERT INTO invitations AS i (workspace_id, email) VALUES (:ws, :e)", SCOPED))
        .isEmpty();
    assertThat(WorkspacePredicates.missing("INSERT INTO jobs (id, kind) VALUES (:a, :b)", SCOPED))
        .containsExactly("INSERT INTO jobs without workspace_id");
  }

  @Test
  void anAliasNeedsItsOwnPredicate() {
    assertThat(
            WorkspacePredicates.missing(
                "SELECT 1 FROM jobs j, sources s WHERE s.workspace_id = :ws AND j.subject_id = s.id",
                SCOPED))
        .containsExactly("jobs j");
  }

  @Test
  void otherTablesAreNotChecked() {
    assertThat(WorkspacePredicates.missing("SELECT id FROM users WHERE id = :id", SCOPED))
        .isEmpty();
  }
}
