package dev.minirag.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.minirag.MiniRagApplication;
import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.configuration.ConfigurationSourceProvider;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * config.yml is what operators read, so its {@code ${VAR:-default}} values are the product's
 * defaults; a configuration file that leaves a setting out gets the Java default instead. The two
 * must be the same value, or the product behaves differently depending on which file it was started
 * with.
 */
class ConfigDefaultsTest {

  private static final Path CONFIG =
      Path.of(System.getProperty("minirag.config", "../config.yml")).toAbsolutePath().normalize();

  /** Dropwizard's own blocks: their defaults are Dropwizard's, not ours to keep in step. */
  private static final Set<String> DROPWIZARD_BLOCKS = Set.of("server", "logging");

  @Test
  void configYmlDefaultsAreTheJavaDefaults() throws Exception {
    ConfigurationFactory<MiniRagConfiguration> factory = factory();
    MiniRagConfiguration fromFile = factory.build(withoutEnvironment(), CONFIG.toString());
    MiniRagConfiguration fromJava = factory.build(text("{}"), "empty.yml");

    Differ differ = new Differ();
    differ.compare("", fromFile, fromJava);

    assertThat(differ.differences)
        .as("settings whose config.yml default is not the Java default (config.yml vs Java)")
        .isEmpty();
    assertThat(differ.compared)
        .as("every setting config.yml names was compared")
        .containsAll(leafPaths(substitutedConfigYml()));
  }

  /** The check above would pass vacuously if the walk saw nothing; this proves it sees a change. */
  @Test
  void oneChangedSettingIsReported() throws Exception {
    ConfigurationFactory<MiniRagConfiguration> factory = factory();
    MiniRagConfiguration fromJava = factory.build(text("{}"), "empty.yml");
    MiniRagConfiguration changed =
        factory.build(
            text("ingest: {chunkMaxChars: 1999}\nlimits: {plans: {free: {asksPerDay: 7}}}"),
            "changed.yml");

    Differ differ = new Differ();
    differ.compare("", changed, fromJava);

    assertThat(differ.differences)
        .containsExactlyInAnyOrder(
            "ingest.chunkMaxChars: 1999 vs 1500",
            "limits.plans: key team only in the second",
            "limits.plans.free.asksPerDay: 7 vs 200",
            "limits.plans.free.requestsPerMinute: null vs 120",
            "limits.plans.free.searchesPerDay: null vs 2000",
            "limits.plans.free.storedChunks: null vs 20000",
            "limits.plans.free.storedSources: null vs 500",
            "limits.plans.free.uploadBytesPerDay: null vs 104857600");
  }

  /**
   * A {@code limits.defaults} block that sets one limit keeps the product defaults of the others (a
   * plan's unset limit means "inherit", but the defaults have nothing to inherit from).
   */
  @Test
  void aPartialLimitsDefaultsBlockKeepsTheOtherDefaults() throws Exception {
    MiniRagConfiguration config =
        factory().build(text("limits: {defaults: {asksPerDay: 10}}"), "partial.yml");

    assertThat(config.getLimits().getDefaults().getAsksPerDay()).isEqualTo(10L);
    assertThat(config.getLimits().getDefaults().getRequestsPerMinute()).isEqualTo(600L);
    assertThat(config.getLimits().getDefaults().getStoredChunks()).isZero();
  }

  /** The application's own object mapper and validator, as {@code server} would use them. */
  private static ConfigurationFactory<MiniRagConfiguration> factory() {
    MiniRagApplication app = new MiniRagApplication();
    Bootstrap<MiniRagConfiguration> bootstrap = new Bootstrap<>(app);
    app.initialize(bootstrap);
    return bootstrap
        .getConfigurationFactoryFactory()
        .create(
            MiniRagConfiguration.class,
            bootstrap.getValidatorFactory().getValidator(),
            bootstrap.getObjectMapper(),
            "dw");
  }

  /**
   * config.yml through the application's substitutor (non-strict), with every variable unset
   * whatever the test machine's environment holds, so each {@code ${VAR:-default}} yields its
   * default.
   */
  private static ConfigurationSourceProvider withoutEnvironment() {
    EnvironmentVariableSubstitutor unset = new EnvironmentVariableSubstitutor(false);
    unset.setVariableResolver(name -> null);
    return new SubstitutingSourceProvider(new FileConfigurationSourceProvider(), unset);
  }

  private static ConfigurationSourceProvider text(String yaml) {
    return path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode substitutedConfigYml() throws Exception {
    try (InputStream in = withoutEnvironment().open(CONFIG.toString())) {
      return new ObjectMapper(new YAMLFactory()).readTree(in);
    }
  }

  private static Set<String> leafPaths(JsonNode root) {
    Set<String> out = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!DROPWIZARD_BLOCKS.contains(e.getKey())) {
        collect(e.getKey(), e.getValue(), out);
      }
    }
    assertThat(out).as("config.yml's settings").hasSizeGreaterThan(50);
    return out;
  }

  private static void collect(String path, JsonNode node, Set<String> out) {
    if (node.isObject() && node.size() > 0) {
      node.fields().forEachRemaining(e -> collect(path + "." + e.getKey(), e.getValue(), out));
    } else {
      out.add(path);
    }
  }

  /**
   * Walks two configurations field by field (our classes and the database pool's), comparing every
   * leaf by value: durations by length, sizes by bytes, whatever unit each was written in.
   */
  static final class Differ {
    final List<String> differences = new ArrayList<>();
    final Set<String> compared = new TreeSet<>();

    void compare(String path, Object a, Object b) throws IllegalAccessException {
      if (a instanceof Optional<?> oa && b instanceof Optional<?> ob) {
        compare(path, oa.orElse(null), ob.orElse(null));
        return;
      }
      if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
        compareMaps(path, ma, mb);
        return;
      }
      if (a == null || b == null || !walked(a.getClass()) || a.getClass() != b.getClass()) {
        leaf(path, a, b);
        return;
      }
      for (Class<?> c = a.getClass(); c != Object.class && c != Configuration.class; ) {
        for (Field f : c.getDeclaredFields()) {
          if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic()) {
            continue;
          }
          f.setAccessible(true);
          compare(path.isEmpty() ? name(f) : path + "." + name(f), f.get(a), f.get(b));
        }
        c = c.getSuperclass();
      }
    }

    private void compareMaps(String path, Map<?, ?> a, Map<?, ?> b) throws IllegalAccessException {
      Set<Object> keys = new TreeSet<>();
      keys.addAll(a.keySet());
      keys.addAll(b.keySet());
      for (Object key : keys) {
        if (!a.containsKey(key)) {
          differences.add(path + ": key " + key + " only in the second");
        } else if (!b.containsKey(key)) {
          differences.add(path + ": key " + key + " only in the first");
        } else {
          compare(path + "." + key, a.get(key), b.get(key));
        }
      }
      compared.add(path);
    }

    private void leaf(String path, Object a, Object b) {
      compared.add(path);
      if (!Objects.equals(normal(a), normal(b))) {
        differences.add(path + ": " + a + " vs " + b);
      }
    }

    private static Object normal(Object value) {
      if (value instanceof Duration d) {
        return d.toNanoseconds();
      }
      if (value instanceof DataSize s) {
        return s.toBytes();
      }
      return value;
    }

    /** Our configuration classes and the database pool's factory; anything else is a value. */
    private static boolean walked(Class<?> c) {
      return !c.isEnum()
          && (c.getName().startsWith("dev.minirag.")
              || c.getName().startsWith("io.dropwizard.db."));
    }

    private static String name(Field f) {
      JsonProperty p = f.getAnnotation(JsonProperty.class);
      return p != null && !p.value().isEmpty() ? p.value() : f.getName();
    }
  }
}
