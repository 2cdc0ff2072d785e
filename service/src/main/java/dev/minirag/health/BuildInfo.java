package dev.minirag.health;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Version and commit stamped into the jar by the build. */
public record BuildInfo(String version, String commit) {

  public static BuildInfo load() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("/minirag-build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String commit = p.getProperty("commit", "");
    return new BuildInfo(
        p.getProperty("version", "unknown"),
        commit.isBlank() || commit.startsWith("${") ? null : commit);
  }
}
