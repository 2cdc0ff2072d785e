package dev.minirag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.documents.extract.TestDocuments;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every document format, extracted by the packaged jar with only the libraries it ships: the test
 * class path carries more (BouncyCastle through the OAuth test server, for one), so a library cut
 * from the jar that a format still needs shows only here.
 */
class PackagedFormatsIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();
  @TempDir static Path work;

  @Test
  void theJarExtractsEveryFormatItAccepts() throws Exception {
    Path docs = Files.createDirectories(work.resolve("docs"));
    Files.write(docs.resolve("guide.pdf"), TestDocuments.pdf("Guide", List.of("Alpaca wool.")));
    Files.write(docs.resolve("published.pdf"), TestDocuments.ownerLockedPdf("Bison herds."));
    Files.write(docs.resolve("locked.pdf"), TestDocuments.encryptedPdf("s3cret"));
    Files.write(docs.resolve("report.docx"), TestDocuments.docx());
    Files.write(docs.resolve("locked.docx"), TestDocuments.encryptedDocx("s3cret"));
    Files.write(docs.resolve("budget.xlsx"), spreadsheetWithFormulas());
    Files.write(docs.resolve("deck.pptx"), TestDocuments.pptx("Roadmap", "Capybara plans"));
    Files.write(docs.resolve("book.epub"), TestDocuments.epub());
    Files.writeString(
        docs.resolve("page.html"),
        "<html><body><main><h1>Dingo</h1><p>Dingoes roam.</p></main></body></html>",
        StandardCharsets.UTF_8);
    Files.writeString(
        docs.resolve("talk.vtt"),
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nEchidnas lay eggs.\n",
        StandardCharsets.UTF_8);
    String config = TestApp.configPath().toString();

    String workspace = JarRun.createWorkspace(DB, work, "Formats", "ops@example.com");
    JarRun ingest =
        JarRun.of(DB, work, "ingest", "--json", "--workspace", workspace, config, docs.toString());

    Map<String, String> outcome = new TreeMap<>();
    ingest
        .stdout()
        .lines()
        .filter(l -> l.startsWith("{\"input\""))
        .forEach(l -> outcome.put(name(l), l));
    assertThat(outcome).hasSize(10);
    assertThat(outcome.get("locked.pdf")).contains("\"failed\"").contains("password-protected");
    assertThat(outcome.get("locked.docx")).contains("\"failed\"").contains("password-protected");
    outcome.entrySet().stream()
        .filter(e -> !e.getKey().startsWith("locked."))
        .forEach(e -> assertThat(e.getValue()).as(e.getKey()).contains("\"accepted\""));

    Jdbi jdbi = Jdbi.create(DB.dataSource());
    String text =
        jdbi.withHandle(
            h ->
                String.join(
                    "\n", h.createQuery("SELECT text FROM chunks").mapTo(String.class).list()));
    assertThat(text)
        .contains("Alpaca wool.", "Bison herds.", "Berlin led the growth.", "Capybara plans")
        .contains("Dingoes roam.", "Echidnas lay eggs.")
        .contains("Coffee\t3.5", "Total\t5.6");
  }

  /**
   * A formula cell: extraction reads the stored result and never evaluates it (POI's evaluator
   * needs commons-math3, which the jar leaves out).
   */
  private static byte[] spreadsheetWithFormulas() throws Exception {
    try (XSSFWorkbook book = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      XSSFSheet sheet = book.createSheet("Budget");
      row(sheet, 0, "Coffee", 3.5);
      row(sheet, 1, "Tea", 2.1);
      XSSFRow total = sheet.createRow(2);
      total.createCell(0).setCellValue("Total");
      total.createCell(1).setCellFormula("SUM(B1:B2)");
      total.getCell(1).setCellValue(5.6); // the cached result, as a spreadsheet program saves it
      book.write(out);
      return out.toByteArray();
    }
  }

  private static void row(XSSFSheet sheet, int index, String label, double value) {
    XSSFRow row = sheet.createRow(index);
    row.createCell(0).setCellValue(label);
    row.createCell(1).setCellValue(value);
  }

  private static String name(String line) {
    String input = line.substring(line.indexOf(":\"") + 2, line.indexOf("\","));
    return Path.of(input).getFileName().toString();
  }
}
