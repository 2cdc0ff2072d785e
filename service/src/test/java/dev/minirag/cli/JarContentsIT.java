package dev.minirag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.eval.Commands;
import dev.minirag.testing.ClassFileNames;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.UrlResource;

/**
 * What the default build ships: the default model and Linux natives, nothing for other platforms,
 * no benchmark tooling.
 */
class JarContentsIT {

  @Test
  void theJarCarriesTheDefaultModelAndLinuxNativesOnly() throws Exception {
    Path jar = Commands.serviceJar();
    assertThat(jar).as("the shaded jar (package runs before integration-test)").exists();
    List<String> names;
    try (JarFile file = new JarFile(jar.toFile())) {
      names = file.stream().map(JarEntry::getName).toList();
    }

    assertThat(names).contains("bge-small-en-v1.5-q.onnx");
    assertThat(names)
        .doesNotContain(
            "bge-small-en-v1.5.onnx", "all-minilm-l6-v2.onnx", "all-minilm-l6-v2-q.onnx");
    assertThat(names)
        .contains(
            "ai/onnxruntime/native/linux-x64/libonnxruntime.so",
            "ai/onnxruntime/native/linux-aarch64/libonnxruntime.so",
            "bge-small-en-v1.5-q-tokenizer.json");
    // The tokenizer is ours (WordPieceTokenizer): no native tokenizer library, no DJL, and none of
    // langchain4j's classes, whose model jars give only their files.
    assertThat(names)
        .noneMatch(n -> n.startsWith("native/lib/") || n.contains("libtokenizers"))
        .noneMatch(n -> n.startsWith("ai/djl/") || n.startsWith("dev/langchain4j/"));
    assertThat(names)
        .filteredOn(
            n ->
                n.endsWith(".pdb")
                    || n.contains(".dSYM/")
                    || n.matches("ai/onnxruntime/native/(win|osx)-.*"))
        .isEmpty();
    // The bench and soak commands are tooling in their own module (bench/), not in the product jar.
    assertThat(names).noneMatch(n -> n.startsWith("dev/minirag/bench/"));
    // Nor JNA: only Jetty's setuid and the PostgreSQL driver's Windows SSPI name it.
    assertThat(names).noneMatch(n -> n.startsWith("com/sun/jna/"));
    // Tika's parsers for formats we never read stay out (here: Access databases, Outlook
    // archives), and so do the libraries extraction never runs: BouncyCastle (certificate-encrypted
    // PDFs, S/MIME) and commons-math3 (POI's formula evaluator). PackagedFormatsIT shows every
    // format still reads.
    assertThat(names)
        .noneMatch(n -> n.startsWith("com/healthmarketscience/") || n.startsWith("com/pff/"))
        .noneMatch(
            n -> n.startsWith("org/bouncycastle/") || n.startsWith("org/apache/commons/math3/"))
        .noneMatch(n -> n.startsWith("META-INF/maven/") && n.endsWith("/pom.xml"));
    // The API reference's files, from the Swagger UI WebJar and our own; its unused bundles stay
    // out.
    String swaggerUi = "META-INF/resources/webjars/swagger-ui/";
    assertThat(names)
        .contains("apidocs/index.html", "apidocs/swagger-initializer.js")
        .contains("META-INF/maven/org.webjars/swagger-ui/pom.properties")
        .anyMatch(n -> n.startsWith(swaggerUi) && n.endsWith("/swagger-ui-bundle.js"))
        .anyMatch(n -> n.startsWith(swaggerUi) && n.endsWith("/swagger-ui.css"))
        .noneMatch(n -> n.startsWith(swaggerUi) && n.contains("/swagger-ui-es-bundle"));
    // Nor the JAXB runtime (nothing builds a JAXBContext), mail parsing (Outlook files are not
    // read) or Lucene's query parser (queries are built in code).
    assertThat(names)
        .noneMatch(n -> n.startsWith("org/glassfish/jaxb/") || n.startsWith("com/sun/xml/bind/"))
        .noneMatch(n -> n.startsWith("org/apache/james/mime4j/"))
        .noneMatch(n -> n.startsWith("org/apache/lucene/queryparser/"));
    // 119,505,894 bytes on 2026-12-07 (docs/benchmarks.md, "Artifact").
    assertThat(Files.size(jar)).as("jar bytes").isLessThan(120_000_000L);
  }

  /**
   * spring-core is in the jar for pac4j, which reads provider metadata through its Resource
   * classes; the shade filter in service/pom.xml leaves out the parts nothing reaches. Starting
   * from every name pointing into spring-core from outside it (class constants, descriptors, class
   * names in strings, service files) and following the same names within it, no class that
   * spring-core has may be missing from the jar.
   */
  @Test
  void everySpringClassReachableFromOutsideSpringIsThere() throws Exception {
    String spring = "org/springframework/";
    Map<String, ClassFileNames> classes;
    Deque<String> reached = new ArrayDeque<>();
    try (JarFile file = new JarFile(Commands.serviceJar().toFile())) {
      classes = classFiles(file, name -> !name.startsWith("META-INF/"));
      for (JarEntry e : file.stream().toList()) {
        String name = e.getName();
        if (name.startsWith("META-INF/services/") && !e.isDirectory()) {
          try (InputStream in = file.getInputStream(e)) {
            new String(in.readAllBytes(), StandardCharsets.UTF_8)
                .lines()
                .map(line -> line.replaceAll("#.*", "").trim().replace('.', '/'))
                .filter(n -> n.startsWith(spring))
                .forEach(reached::add);
          }
        }
      }
    }
    assertThat(classes.keySet())
        .as("the parts left out")
        .noneMatch(n -> n.startsWith(spring + "cglib/") || n.startsWith(spring + "aot/"));
    classes.forEach(
        (name, names) -> {
          if (!name.startsWith(spring)) {
            Stream.concat(names.mentioned().stream(), names.strings().stream())
                .filter(n -> n.startsWith(spring))
                .forEach(reached::add);
          }
        });
    assertThat(reached).as("pac4j's metadata resource").contains(spring + "core/io/UrlResource");

    // Names spring-core never had (other spring modules some library checks for) are not missing.
    ClassLoader springCore = UrlResource.class.getClassLoader();
    Set<String> missing =
        absentOnTheWay(
            reached,
            classes,
            names ->
                Stream.concat(names.mentioned().stream(), names.strings().stream())
                    .filter(n -> n.startsWith(spring)));
    missing.removeIf(name -> springCore.getResource(name + ".class") == null);
    assertThat(missing).isEmpty();
  }

  /**
   * stripe-java's nested parameter builders are left out but for the calls we make (the shade
   * filter in service/pom.xml). Safe only while every class left in the jar can load what it names
   * (class verification loads the types a method passes around), and every parameter class whose
   * code runs, because something outside the parameter package calls into it, brings all the
   * parameter classes it names in turn. A new Stripe call in StripeGateway without its builders
   * kept fails here, not in production.
   */
  @Test
  void everyStripeClassThatCanRunHasWhatItNames() throws Exception {
    Map<String, ClassFileNames> classes;
    try (JarFile file = new JarFile(Commands.serviceJar().toFile())) {
      classes =
          classFiles(
              file, name -> name.startsWith("dev/minirag/") || name.startsWith("com/stripe/"));
    }
    String params = "com/stripe/param/";
    assertThat(classes.keySet())
        .as("nested builders of calls we never make")
        .noneMatch(n -> n.startsWith(params + "CustomerCreateParams$"));

    Set<String> missing = new TreeSet<>();
    Deque<String> running = new ArrayDeque<>();
    classes.forEach(
        (name, names) -> {
          if (!name.startsWith(params)) {
            names.mentioned().stream()
                .filter(n -> n.startsWith(params) && !classes.containsKey(n))
                .forEach(n -> missing.add(n + " (named by " + name + ")"));
            names.memberOwners().stream().filter(n -> n.startsWith(params)).forEach(running::add);
          }
        });
    assertThat(running)
        .as("the parameters StripeGateway builds")
        .contains(
            params + "checkout/SessionCreateParams$Builder",
            params + "billingportal/SessionCreateParams$Builder");
    absentOnTheWay(
            running, classes, names -> names.mentioned().stream().filter(n -> n.startsWith(params)))
        .forEach(n -> missing.add(n + " (runs)"));
    assertThat(missing).isEmpty();
  }

  /** The jar's class files whose entry names {@code which} accepts, by internal class name. */
  private static Map<String, ClassFileNames> classFiles(JarFile file, Predicate<String> which)
      throws IOException {
    Map<String, ClassFileNames> classes = new HashMap<>();
    for (JarEntry e : file.stream().toList()) {
      String name = e.getName();
      if (name.endsWith(".class") && which.test(name)) {
        try (InputStream in = file.getInputStream(e)) {
          classes.put(name.substring(0, name.length() - 6), ClassFileNames.read(in));
        }
      }
    }
    return classes;
  }

  /**
   * Follows {@code next} from the names in {@code start} through {@code classes}, each class once;
   * returns the names reached that are not among them.
   */
  private static Set<String> absentOnTheWay(
      Deque<String> start,
      Map<String, ClassFileNames> classes,
      Function<ClassFileNames, Stream<String>> next) {
    Set<String> seen = new HashSet<>();
    Set<String> absent = new TreeSet<>();
    while (!start.isEmpty()) {
      String name = start.pop();
      if (!seen.add(name)) {
        continue;
      }
      ClassFileNames names = classes.get(name);
      if (names == null) {
        absent.add(name);
      } else {
        next.apply(names).forEach(start::add);
      }
    }
    return absent;
  }
}
