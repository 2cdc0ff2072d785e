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
    // 139 MB (docs/benchmarks.md says what is left in it and what reaching 120 MB would cost).
    assertThat(Files.size(jar)).as("jar bytes").isLessThan(142_000_000L);
  }
}
