package dev.minirag.documents.extract;

import static dev.minirag.documents.extract.TestDocuments.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.minirag.documents.AbusiveFiles;
import dev.minirag.documents.IngestConfig;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ExtractorRefusalsTest {

  private static final Extractor EXTRACTOR = new Extractor(new IngestConfig().extraction());

  @AfterAll
  static void close() {
    EXTRACTOR.close();
  }

  private static ExtractionException refusal(Extractor extractor, byte[] content, String name) {
    return catchThrowableOfType(
        ExtractionException.class, () -> extractor.extract(content, name, null));
  }

  private static ExtractionException refusal(byte[] content, String name) {
    return refusal(EXTRACTOR, content, name);
  }

  @Test
  void imagesAreUnsupported() {
    ExtractionException e = refusal(TestDocuments.png(), "scan.pdf");

    assertThat(e.status()).isEqualTo(415);
    assertThat(e.getMessage()).contains("image/png").contains("Supported: PDF");
  }

  @Test
  void executablesAreUnsupported() {
    byte[] elf = new byte[512];
    System.arraycopy(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0}, 0, elf, 0, 8);
    elf[16] = 2; // ET_EXEC

    assertThat(refusal(elf, "notes.txt").status()).isEqualTo(415);
  }

  @Test
  void plainArchivesAreUnsupported() {
    byte[] zip = TestDocuments.zip(null, Map.of("a.txt", "hello", "b.txt", "world"));

    ExtractionException e = refusal(zip, "docs.docx");

    assertThat(e.status()).isEqualTo(415);
    assertThat(e.getMessage()).contains("application/zip");
  }

  @Test
  void uploadsOverTheByteLimitAreTooLarge() {
    try (Extractor small = new Extractor(new IngestConfig().extraction().withMaxBytes(100))) {
      ExtractionException e = refusal(small, utf8("x ".repeat(60)), "a.txt");

      assertThat(e.status()).isEqualTo(413);
      assertThat(e.getMessage()).contains("100 bytes");
    }
  }

  @Test
  void textOverTheCharacterLimitIsTooLarge() {
    try (Extractor small = new Extractor(new IngestConfig().extraction().withMaxChars(50))) {
      assertThat(refusal(small, utf8("word ".repeat(30)), "a.txt").status()).isEqualTo(413);
      byte[] pdf = TestDocuments.pdf(null, List.of("a".repeat(30), "b".repeat(30)));
      ExtractionException e = refusal(small, pdf, "a.pdf");
      assertThat(e.status()).isEqualTo(413);
      assertThat(e.getMessage()).contains("50 characters");
    }
  }

  @Test
  void zipBombIsRefusedBeforeParsing() {
    // 64 MB of spaces deflates to about 64 KB: 1000:1, ten times the default ratio.
    byte[] bomb = TestDocuments.docxBomb(64L * 1024 * 1024);
    assertThat(bomb.length).isLessThan(200_000);

    ExtractionException e = refusal(bomb, "report.docx");

    assertThat(e.status()).isEqualTo(413);
    assertThat(e.getMessage()).contains("zip bomb").contains("compressed more than 100:1");
  }

  @Test
  void zipWithTooManyEntriesIsRefused() {
    Map<String, String> entries = new LinkedHashMap<>();
    for (int i = 0; i < 20; i++) {
      entries.put("OEBPS/page" + i + ".xhtml", "<p>" + i + "</p>");
    }
    ExtractionLimits limits =
        new ExtractionLimits(1_000_000, 100_000, Duration.ofSeconds(10), 10, 1_000_000, 100);
    try (Extractor small = new Extractor(limits)) {
      byte[] epub = TestDocuments.zip("application/epub+zip", entries);
      ExtractionException e = refusal(small, epub, "b.epub");

      assertThat(e.status()).isEqualTo(413);
      assertThat(e.getMessage()).contains("more than 10 files");
    }
  }

  @Test
  void zipThatInflatesPastTheTotalCapIsRefusedEvenAtAPlausibleRatio() {
    ExtractionLimits limits = new IngestConfig().extraction().withMaxUncompressedBytes(1024 * 1024);
    try (Extractor small = new Extractor(limits)) {
      ExtractionException e = refusal(small, TestDocuments.docxBomb(2L * 1024 * 1024), "r.docx");

      assertThat(e.status()).isEqualTo(413);
      assertThat(e.getMessage()).contains("expands to more than 1048576 bytes");
    }
  }

  @Test
  void emptyFilesAndFilesWithoutTextAreUnprocessable() {
    assertThat(refusal(new byte[0], "a.txt").status()).isEqualTo(422);
    assertThat(refusal(utf8(" \n\t \n"), "a.txt").status()).isEqualTo(422);

    ExtractionException blankPdf = refusal(TestDocuments.pdf(null, List.of("", "")), "scan.pdf");
    assertThat(blankPdf.status()).isEqualTo(422);
    assertThat(blankPdf.getMessage()).contains("no extractable text");

    assertThat(refusal(utf8("WEBVTT\n\nNOTE only a note\n"), "a.vtt").status()).isEqualTo(422);
  }

  @Test
  void corruptDocumentsAreUnprocessable() {
    byte[] truncated = TestDocuments.pdf(null, List.of("Hello there."));
    byte[] half = Arrays.copyOf(truncated, 40);

    ExtractionException e = refusal(half, "a.pdf");

    assertThat(e.status()).isEqualTo(422);
    assertThat(e.getMessage()).contains("could not be read");
  }

  @Test
  void passwordProtectedPdfIsUnprocessable() {
    ExtractionException e = refusal(TestDocuments.encryptedPdf("s3cret"), "locked.pdf");

    assertThat(e.status()).isEqualTo(422);
    assertThat(e.getMessage()).contains("password-protected");
  }

  @Test
  void passwordProtectedDocxIsUnprocessable() {
    ExtractionException e = refusal(TestDocuments.encryptedDocx("s3cret"), "locked.docx");

    assertThat(e.status()).isEqualTo(422);
    assertThat(e.getMessage()).contains("password-protected");
  }

  @Test
  void parseOverTheTimeoutIsUnprocessable() {
    ExtractionLimits limits = new IngestConfig().extraction().withParseTimeout(Duration.ofNanos(1));
    try (Extractor hurried = new Extractor(limits)) {
      ExtractionException e = refusal(hurried, TestDocuments.docx(), "a.docx");

      assertThat(e.status()).isEqualTo(422);
      assertThat(e.getMessage()).contains("took longer than");
    }
  }

  @Test
  void entityDeclarationsInsideDocumentsAreRefusedByName() {
    // Billion laughs (entity bomb) and XXE (external entity) inside a DOCX part and an EPUB
    // chapter:
    // before, the uploader read only "could not be read; it may be damaged".
    Map<String, byte[]> documents = new LinkedHashMap<>();
    documents.put("laughs.docx", AbusiveFiles.docxWith(AbusiveFiles.billionLaughs()));
    documents.put("xxe.docx", AbusiveFiles.docxWith(AbusiveFiles.externalEntity()));
    documents.put("laughs.epub", AbusiveFiles.epubWith(AbusiveFiles.billionLaughs()));

    documents.forEach(
        (name, bytes) -> {
          ExtractionException e = refusal(bytes, name);
          assertThat(e.status()).as(name).isEqualTo(422);
          assertThat(e.getMessage()).as(name).contains("declares a DTD or entities");
        });
  }

  @Test
  void billionLaughsAsXmlOrHtmlIsUnsupported() {
    byte[] laughs = utf8(AbusiveFiles.billionLaughs());

    assertThat(refusal(laughs, "laughs.xml").status()).isEqualTo(415);
    assertThat(refusal(laughs, "laughs.html").status()).isEqualTo(415);
  }

  @Test
  void aZipOfAHundredThousandEntriesIsRefusedByItsCount() {
    ExtractionException e = refusal(AbusiveFiles.manyEntries(100_000), "many.docx");

    assertThat(e.status()).isEqualTo(413);
    assertThat(e.getMessage()).contains("more than 10000 files");
  }

  @Test
  void aZipBehindTheSplitArchiveMarkerIsCheckedToo() {
    // "PK00" then a zip: Tika still detects the DOCX inside, but the guard looked only for
    // "PK\3\4",
    // so a 100 000-entry zip reached POI (15 s, a generic message) and a bomb reached the parsers.
    long started = System.nanoTime();
    ExtractionException many =
        refusal(AbusiveFiles.splitMarked(AbusiveFiles.manyEntries(100_000)), "many.docx");
    ExtractionException bomb =
        refusal(AbusiveFiles.splitMarked(AbusiveFiles.docxBomb(256L * 1024 * 1024)), "bomb.docx");

    assertThat(many.status()).isEqualTo(422);
    assertThat(many.getMessage()).contains("not a readable zip container");
    assertThat(bomb.status()).isEqualTo(413);
    assertThat(bomb.getMessage()).contains("zip bomb");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aParseStoppedAtItsOwnDeadlineSaysItTookTooLong() {
    // The parse thread may notice the deadline before the waiting caller does; it ends with a
    // CancellationException, which used to answer "Reading the document was cancelled."
    RuntimeException e =
        Extractor.translate(
            new org.apache.tika.exception.TikaException(
                "wrapped", new java.util.concurrent.CancellationException("deadline")),
            Duration.ofSeconds(30));

    assertThat(e).isInstanceOf(ExtractionException.class);
    assertThat(((ExtractionException) e).status()).isEqualTo(422);
    assertThat(e.getMessage()).contains("took longer than 30 s");
    assertThat(Extractor.tookTooLong(Duration.ofMillis(50)).getMessage())
        .contains("took longer than 50 ms");
  }
}
