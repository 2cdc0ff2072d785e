package dev.minirag.common;

import java.util.UUID;

/** Ids taken from a request path. */
public final class PathIds {
  private PathIds() {}

  /**
   * The id, or 404 "{@code what} not found": a malformed id is as unknown as someone else's, so ids
   * cannot be probed.
   */
  public static UUID parse(String id, String what) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound(what + " not found");
    }
  }
}
