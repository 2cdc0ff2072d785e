package dev.minirag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.testing.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * What the default build ships: the default model and Linux natives, nothing for other platforms,
 * no benchmark tooling.
 */
class JarContentsIT {

  @Test
  void theJarCarriesTheDefaultModelAndLinuxNativesOnly() throws Exception {
    Path jar = TestApp.repoRoot().resolve("service/target/mini-rag.jar");
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
            "native/lib/linux-x86_64/cpu/libtokenizers.so",
            "native/lib/linux-aarch64/cpu/libtokenizers.so");
    assertThat(names)
        .filteredOn(
            n ->
                n.endsWith(".pdb")
                    || n.contains(".dSYM/")
                    || n.matches("(ai/onnxruntime/native|native/lib)/(win|osx)-.*"))
        .isEmpty();
    // The bench and soak commands are tooling in their own module (bench/), not in the product jar.
    assertThat(names).noneMatch(n -> n.startsWith("dev/minirag/bench/"));
    assertThat(names)
        .contains("com/sun/jna/linux-x86-64/libjnidispatch.so")
        .noneMatch(
            n ->
                n.matches("com/sun/jna/[a-z0-9]+-[^/]+/.*")
                    && !n.contains("/linux-x86-64/")
                    && !n.contains("/linux-aarch64/"));
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
    // 151 MB (docs/benchmarks.md says what is left in it and what reaching 120 MB would cost).
    assertThat(Files.size(jar)).as("jar bytes").isLessThan(155_000_000L);
  }
}
