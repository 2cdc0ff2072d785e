package dev.minirag.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every environment variable the docs, the README, docker-compose.yml and the Dockerfile tell
 * people to set is one that config.yml reads, and every one config.yml reads is in the README's
 * table: a misspelt variable is otherwise silently ignored (the compose file once set one nothing
 * read).
 */
class ConfigVariablesTest {

  private static final Path ROOT =
      Path.of(System.getProperty("minirag.config", "../config.yml"))
          .toAbsolutePath()
          .normalize()
          .getParent();

  private static final String OTEL_SDK =
      "read by the OpenTelemetry SDK's autoconfiguration once config.yml's tracing endpoint is set";

  /** Read by something other than config.yml, each for a stated reason. */
  private static final Map<String, String> NOT_CONFIG =
      Map.of(
          "SKIP_DB_SETUP", "read by bin/run",
          "JAVA_OPTS", "read by the bench scripts",
          "KEYCLOAK_JAVA_HOME", "read by the Keycloak sign-in test to find a Java 21+ runtime",
          "OTEL_EXPORTER_OTLP_HEADERS", OTEL_SDK,
          "OTEL_RESOURCE_ATTRIBUTES", OTEL_SDK,
          "OTEL_TRACES_SAMPLER", OTEL_SDK,
          "OTEL_TRACES_SAMPLER_ARG", OTEL_SDK,
          "OTEL_BSP_SCHEDULE_DELAY", OTEL_SDK);

  private static final Pattern CONFIG_READS = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
  private static final Pattern BACKTICKED =
      Pattern.compile("`([A-Z][A-Z0-9]*_[A-Z0-9_]*[A-Z0-9])`");
  private static final Pattern ASSIGNED =
      Pattern.compile("(?m)^\\s*(?:export\\s+)?([A-Z][A-Z0-9]*_[A-Z0-9_]*)=");

  private static Set<String> configReads() throws IOException {
    return matches(CONFIG_READS, Files.readString(ROOT.resolve("config.yml")));
  }

  private static Set<String> matches(Pattern p, String text) {
    Set<String> out = new TreeSet<>();
    Matcher m = p.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void everyVariableTheDocsNameIsReadByConfig() throws IOException {
    Set<String> named = new TreeSet<>();
    List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> files = Files.walk(ROOT.resolve("docs"))) {
      files.filter(f -> f.toString().endsWith(".md")).forEach(docs::add);
    }
    for (Path doc : docs) {
      String text = Files.readString(doc);
      named.addAll(matches(BACKTICKED, text));
      named.addAll(matches(ASSIGNED, text));
    }
    named.addAll(readmeTable(configReads()));
    named.addAll(composeAppEnvironment());
    named.addAll(
        matches(
            Pattern.compile("(?m)^ENV\\s+([A-Z][A-Z0-9_]*)="),
            Files.readString(ROOT.resolve("Dockerfile"))));
    named.removeAll(NOT_CONFIG.keySet());
    named.removeAll(configReads());
    assertThat(named)
        .as(
            "variables named in README, docs, docker-compose.yml or the Dockerfile that config.yml does not read")
        .isEmpty();
  }

  @Test
  void everyVariableConfigReadsIsInTheReadmeTable() throws IOException {
    Set<String> reads = configReads();
    Set<String> missing = new TreeSet<>(reads);
    missing.removeAll(readmeTable(reads));
    assertThat(missing)
        .as("variables config.yml reads that the README's configuration table lacks")
        .isEmpty();
  }

  /**
   * The README's default column says what config.yml's {@code ${VAR:-default}} says (Java's
   * defaults are held to config.yml by ConfigDefaultsTest). One value may stand for every variable
   * of a row; "empty" and "—" mean an empty default.
   */
  @Test
  void theReadmeTableShowsConfigYmlDefaults() throws IOException {
    Map<String, String> defaults = new TreeMap<>();
    Matcher m = CONFIG_DEFAULTS.matcher(Files.readString(ROOT.resolve("config.yml")));
    while (m.find()) {
      defaults.put(m.group(1), m.group(2));
    }
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (String line : Files.readAllLines(ROOT.resolve("README.md"))) {
      if (!line.startsWith("| `")) {
        continue;
      }
      String[] cells = line.split("(?<!\\\\)\\|");
      List<String> names = rowNames(cells[1], defaults.keySet());
      String[] values = cells[2].split(" / ");
      if (values.length != 1 && values.length != names.size()) {
        wrong.add(names + ": " + values.length + " defaults for " + names.size() + " variables");
        continue;
      }
      for (int i = 0; i < names.size(); i++) {
        String name = names.get(i);
        if (NOT_CONFIG.containsKey(name)) {
          continue;
        }
        String shown = readmeValue(values.length == 1 ? values[0] : values[i]);
        if (!shown.equals(defaults.get(name))) {
          wrong.add(name + ": README " + shown + ", config.yml " + defaults.get(name));
        }
        checked++;
      }
    }
    assertThat(checked).as("variables checked in the README table").isGreaterThan(50);
    assertThat(wrong).as("README defaults that are not config.yml's").isEmpty();
  }

  private static final Pattern CONFIG_DEFAULTS =
      Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):-([^}]*)}");

  private static String readmeValue(String cell) {
    String value = cell.strip();
    Matcher code = Pattern.compile("^`([^`]*)`").matcher(value);
    if (code.find()) {
      return code.group(1);
    }
    if (value.startsWith("empty") || value.startsWith("—")) {
      return "";
    }
    return value;
  }

  private static List<String> rowNames(String cell, Set<String> known) {
    List<String> out = new ArrayList<>();
    String first = null;
    for (String part : cell.split("/")) {
      String name = part.strip().replace("`", "");
      if (name.isEmpty()) {
        continue;
      }
      if (name.startsWith("_") && first != null) {
        name = expand(first, name, known);
      } else if (first == null) {
        first = name;
      }
      out.add(name);
    }
    return out;
  }

  /**
   * The first cell of each README table row, with shorthand like `EMBEDDING_OPENAI_BASE_URL` /
   * `_MODEL` expanded.
   */
  private static Set<String> readmeTable(Set<String> known) throws IOException {
    Set<String> out = new TreeSet<>();
    for (String line : Files.readAllLines(ROOT.resolve("README.md"))) {
      if (line.startsWith("| `")) {
        out.addAll(rowNames(line.split("\\|")[1], known));
      }
    }
    return out;
  }

  /**
   * The longest prefix of {@code first} that, with {@code suffix}, names a variable config.yml
   * reads.
   */
  private static String expand(String first, String suffix, Set<String> known) {
    for (int cut = first.lastIndexOf('_'); cut > 0; cut = first.lastIndexOf('_', cut - 1)) {
      String candidate = first.substring(0, cut) + suffix;
      if (known.contains(candidate)) {
        return candidate;
      }
    }
    return first + suffix;
  }

  private static Set<String> composeAppEnvironment() throws IOException {
    JsonNode compose =
        new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docker-compose.yml").toFile());
    Set<String> out = new TreeSet<>();
    for (Iterator<String> it = compose.at("/services/app/environment").fieldNames();
        it.hasNext(); ) {
      out.add(it.next());
    }
    assertThat(out).as("docker-compose.yml's app service sets its environment").isNotEmpty();
    return out;
  }
}
