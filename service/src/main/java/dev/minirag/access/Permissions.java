package dev.minirag.access;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The strings resources put in {@code @RolesAllowed}. Workspace permissions come from the caller's
 * membership role (cookie callers) or the key's scopes (API keys); each implies the ones below it:
 * owner ⊃ admin ⊃ write ⊃ read. {@link #SYSTEM_ADMIN} comes only from the user's flag, never a key.
 */
public final class Permissions {
  public static final String READ = "read";
  public static final String WRITE = "write";
  public static final String ADMIN = "admin";
  public static final String OWNER = "owner";
  public static final String SYSTEM_ADMIN = "system_admin";

  private Permissions() {}

  /** Levels in increasing power; a level grants itself and everything before it. */
  enum Level {
    READ(Permissions.READ),
    WRITE(Permissions.WRITE),
    ADMIN(Permissions.ADMIN),
    OWNER(Permissions.OWNER);

    final String name;

    Level(String name) {
      this.name = name;
    }
  }

  /**
   * All permissions implied by the given level name ("owner", "admin", "editor"/"write",
   * "reader"/"read").
   */
  public static Set<String> impliedBy(String level) {
    Level top =
        switch (level) {
          case "owner" -> Level.OWNER;
          case "admin" -> Level.ADMIN;
          case "editor", "write" -> Level.WRITE;
          case "reader", "read" -> Level.READ;
          default -> throw new IllegalArgumentException("unknown level " + level);
        };
    Set<String> out = new LinkedHashSet<>();
    for (Level l : EnumSet.range(Level.READ, top)) {
      out.add(l.name);
    }
    return out;
  }
}
