package dev.minirag.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.ws.rs.Path;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of docs/architecture.md, checked on the compiled service classes. */
class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() throws Exception {
    // Only the service's own classes: the Java client (client/, a test dependency here) shares the
    // dev.minirag prefix but is a separate module with its own rules.
    String service =
        dev.minirag.MiniRagApplication.class
            .getProtectionDomain()
            .getCodeSource()
            .getLocation()
            .toURI()
            .toString();
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> location.asURI().toString().startsWith(service))
            .importPackages("dev.minirag");
  }

  @Test
  void featurePackagesHaveNoCycles() {
    slices().matching("dev.minirag.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void resourcesDoNotCallOtherResources() {
    noClasses()
        .that()
        .areAnnotatedWith(Path.class)
        .should()
        .dependOnClassesThat()
        .areAnnotatedWith(Path.class)
        .because("a resource is a thin HTTP face; shared work belongs in a service")
        .check(classes);
  }

  @Test
  void onlyDaosHoldSql() {
    noClasses()
        .that()
        .haveSimpleNameNotEndingWith("Dao")
        .should()
        .callMethodWhere(
            com.tngtech.archunit.base.DescribedPredicate.describe(
                "a statement built from SQL text on a JDBI Handle",
                call ->
                    call.getTargetOwner().isAssignableTo(Handle.class)
                        && java.util.Set.of(
                                "createQuery",
                                "createUpdate",
                                "createCall",
                                "createScript",
                                "prepareBatch",
                                "execute",
                                "select")
                            .contains(call.getName())))
        .because("SQL lives in SqlObject DAOs, where every value is a bound parameter")
        .check(classes);
  }

  @Test
  void everyPackageIsNamedInTheArchitectureDocument() throws Exception {
    String doc =
        java.nio.file.Files.readString(
            dev.minirag.testing.TestApp.repoRoot().resolve("docs/architecture.md"));
    java.util.Set<String> packages = new java.util.TreeSet<>();
    classes.forEach(
        c -> {
          String p = c.getPackageName();
          if (p.startsWith("dev.minirag.")) {
            packages.add(p.substring("dev.minirag.".length()).split("\\.")[0]);
          }
        });
    org.assertj.core.api.Assertions.assertThat(packages).contains("app", "search", "access");
    org.assertj.core.api.Assertions.assertThat(packages)
        .allSatisfy(
            p ->
                org.assertj.core.api.Assertions.assertThat(doc)
                    .as("docs/architecture.md names package " + p)
                    .contains("`" + p + "`"));
  }
}
