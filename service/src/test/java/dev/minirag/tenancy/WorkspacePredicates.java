package dev.minirag.tenancy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A textual check that one SQL statement names the workspace of every workspace-scoped table it
 * touches (WorkspaceKeysIT runs it over every DAO statement).
 *
 * <p>What it checks: each occurrence of a given table after {@code FROM}, {@code JOIN}, {@code
 * UPDATE}, {@code INTO} or {@code DELETE FROM} (with its alias, if any). An {@code INSERT INTO}
 * must list {@code workspace_id} among its columns. Any other occurrence needs {@code
 * <alias>.workspace_id} (or {@code <table>.workspace_id}) next to a comparison ({@code =}, {@code
 * <>}, {@code IN}, {@code IS}) somewhere in the statement; an unaliased occurrence is also
 * satisfied by an unqualified {@code workspace_id} comparison.
 *
 * <p>What it does not check: that the comparison is in the right clause or scope (a predicate in
 * one subquery counts for a same-named alias in another), that it binds a value rather than a
 * column, or SQL built outside the annotations ({@code Handle.execute} in a default method).
 * Comments and string literals are not parsed. It is a guard against a forgotten predicate, not a
 * SQL parser.
 */
final class WorkspacePredicates {

  private static final Set<String> NOT_ALIASES =
      Set.of(
          "where",
          "on",
          "set",
          "join",
          "left",
          "right",
          "inner",
          "full",
          "cross",
          "order",
          "group",
          "limit",
          "using",
          "values",
          "select",
          "returning",
          "for",
          "union",
          "as",
          "having",
          "offset",
          "default",
          "natural",
          "except",
          "intersect",
          "with",
          "window");

  private static final Pattern REFERENCE =
      Pattern.compile(
          "\\b(from|join|update|into)\\s+([a-z_][a-z0-9_]*)(?:\\s+(?:as\\s+)?([a-z_][a-z0-9_]*))?");

  private static final Pattern COMPARED =
      Pattern.compile(
          "(?:=|<>|!=|\\bin\\s*\\(|\\bany\\s*\\()\\s*(?:([a-z_][a-z0-9_]*)\\.)?workspace_id\\b"
              + "|(?:([a-z_][a-z0-9_]*)\\.)?workspace_id\\s*(?:=|<>|!=|\\bin\\b|\\bis\\b)");

  private WorkspacePredicates() {}

  /**
   * The occurrences of {@code tables} in {@code sql} that lack a workspace predicate, described
   * ("sources s", "INSERT INTO jobs"); empty when every one has it.
   */
  static List<String> missing(String sql, Set<String> tables) {
    String text = sql.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    Set<String> qualified = new java.util.HashSet<>();
    boolean unqualified = false;
    Matcher c = COMPARED.matcher(text);
    while (c.find()) {
      String alias = c.group(1) != null ? c.group(1) : c.group(2);
      if (alias == null) {
        unqualified = true;
      } else {
        qualified.add(alias);
      }
    }
    List<String> missing = new ArrayList<>();
    Matcher m = REFERENCE.matcher(text);
    while (m.find()) {
      String table = m.group(2);
      if (!tables.contains(table)) {
        continue;
      }
      if (m.group(1).equals("into")) {
        String rest = text.substring(m.end(2));
        int open = rest.indexOf('(');
        int close = rest.indexOf(')');
        boolean listed =
            open >= 0 && close > open && rest.substring(open, close).contains("workspace_id");
        if (!listed) {
          missing.add("INSERT INTO " + table + " without workspace_id");
        }
        continue;
      }
      String alias = m.group(3);
      boolean aliased = alias != null && !NOT_ALIASES.contains(alias);
      boolean named =
          aliased ? qualified.contains(alias) : qualified.contains(table) || unqualified;
      if (!named) {
        missing.add(aliased ? table + " " + alias : table);
      }
    }
    return missing;
  }
}
