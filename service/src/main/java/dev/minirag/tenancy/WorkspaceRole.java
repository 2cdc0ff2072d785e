package dev.minirag.tenancy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.minirag.access.Permissions;
import dev.minirag.common.ApiException;
import dev.minirag.common.WireName;
import java.util.Locale;
import java.util.Set;

/** A member's role in one workspace. */
public enum WorkspaceRole implements WireName {
  OWNER,
  ADMIN,
  EDITOR,
  READER;

  @Override
  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static WorkspaceRole parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw ApiException.unprocessable(
          "Unknown role",
          java.util.Map.of(
              "role", String.valueOf(value), "allowed", "owner, admin, editor, reader"));
    }
  }

  public Set<String> permissions() {
    return Permissions.impliedBy(wire());
  }
}
