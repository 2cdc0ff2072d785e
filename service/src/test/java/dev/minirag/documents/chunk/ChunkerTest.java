package dev.minirag.documents.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.minirag.documents.IngestConfig;
import dev.minirag.documents.extract.ExtractedDocument;
import dev.minirag.documents.extract.Extractor;
import dev.minirag.documents.extract.Segment;
import dev.minirag.documents.extract.TestDocuments;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ChunkerTest {

  private static final Extractor EXTRACTOR = new Extractor(new IngestConfig().extraction());

  @AfterAll
  static void close() {
    EXTRACTOR.close();
  }

  private static ExtractedDocument text(String... segments) {
    List<Segment> list = new ArrayList<>();
    for (String s : segments) {
      list.add(Segment.of(s));
    }
    return new ExtractedDocument(null, "text/plain", list);
  }

  @Test
  void fullTextJoinsSegmentsWithABlankLine() {
    ExtractedDocument doc = text("One.", "Two.", "Three.");

    assertThat(Chunker.fullText(doc)).isEqualTo("One.\n\nTwo.\n\nThree.");
  }

  @Test
  void shortDocumentStaysOneChunkWithTheExactText() {
    ExtractedDocument doc =
        text("Title line\n\nFirst paragraph, two lines\nof text.\n\nSecond paragraph.");

    List<ChunkDraft> chunks = new Chunker(new ChunkingConfig(10_000, 200, 20_000)).chunk(doc);

    assertThat(chunks).hasSize(1);
    assertThat(chunks.get(0).text()).isEqualTo(Chunker.fullText(doc));
    assertThat(chunks.get(0).charStart()).isZero();
    assertThat(chunks.get(0).charEnd()).isEqualTo(Chunker.fullText(doc).length());
    assertThat(chunks.get(0).ordinal()).isZero();
  }

  @Test
  void paragraphsArePackedWhole() {
    String p1 = "Alpha beta gamma delta.";
    String p2 = "Epsilon zeta eta theta.";
    String p3 = "Iota kappa lambda mu.";
    ExtractedDocument doc = text(p1 + "\n\n" + p2 + "\n\n" + p3);

    List<ChunkDraft> chunks = new Chunker(new ChunkingConfig(50, 0, 60)).chunk(doc);

    assertThat(chunks).extracting(ChunkDraft::text).containsExactly(p1 + "\n\n" + p2, p3);
  }

  @Test
  void overlapRepeatsTheLastWholeSentences() {
    String paragraph =
        "The river rose in spring. Farmers moved their herds uphill. The bridge held. "
            + "Children watched from the bank. By summer the water fell again. "
            + "Fields were green and wet. The harvest was late but good.";
    ExtractedDocument doc = text(paragraph);

    List<ChunkDraft> chunks = new Chunker(new ChunkingConfig(80, 40, 120)).chunk(doc);

    assertThat(chunks).hasSizeGreaterThan(2);
    for (int i = 0; i + 1 < chunks.size(); i++) {
      ChunkDraft a = chunks.get(i);
      ChunkDraft b = chunks.get(i + 1);
      assertThat(b.charStart()).as("chunk %d overlaps %d", i + 1, i).isLessThan(a.charEnd());
      String shared = paragraph.substring(b.charStart(), a.charEnd());
      assertThat(shared.length()).isLessThanOrEqualTo(40);
      assertThat(shared).as("overlap is whole sentences").endsWith(".");
      assertThat(paragraph.charAt(b.charStart() - 2)).isEqualTo('.');
    }
  }

  @Test
  void overlapMayStartAtAParagraphWithoutFullStop() {
    String text = "First paragraph ends here.\n\nA heading line\n\nBody text follows it.";
    List<ChunkDraft> chunks = new Chunker(new ChunkingConfig(45, 20, 60)).chunk(text(text));

    assertThat(chunks)
        .extracting(ChunkDraft::text)
        .containsExactly(
            "First paragraph ends here.\n\nA heading line",
            "A heading line\n\nBody text follows it.");
  }

  @Test
  void zeroOverlapMeansAdjacentChunks() {
    String paragraph = "One two three. Four five six. Seven eight nine. Ten eleven twelve.";
    List<ChunkDraft> chunks = new Chunker(new ChunkingConfig(30, 0, 40)).chunk(text(paragraph));

    for (int i = 0; i + 1 < chunks.size(); i++) {
      assertThat(chunks.get(i + 1).charStart()).isGreaterThan(chunks.get(i).charEnd());
    }
  }

  @Test
  void aGiantTokenIsCutHardAtTheCap() {
    String token = "x".repeat(250);
    List<ChunkDraft> chunks =
        new Chunker(new ChunkingConfig(50, 0, 100)).chunk(text("short words " + token + " tail"));

    assertThat(chunks)
        .extracting(ChunkDraft::text)
        .containsExactly("short words", "x".repeat(100), "x".repeat(100), "x".repeat(50), "tail");
  }

  @Test
  void pdfChunksKeepTheirPage() {
    byte[] pdf =
        TestDocuments.pdf(
            null, List.of("Page one is about apples.", "Page two is about pears.", "Page three."));
    ExtractedDocument doc = EXTRACTOR.extract(pdf, "fruit.pdf", null);

    List<ChunkDraft> chunks = new Chunker(new ChunkingConfig(10_000, 100, 20_000)).chunk(doc);

    assertThat(chunks)
        .extracting(ChunkDraft::page, ChunkDraft::text)
        .containsExactly(
            tuple(1, "Page one is about apples."),
            tuple(2, "Page two is about pears."),
            tuple(3, "Page three."));
    assertOffsetsMatch(doc, chunks);
  }

  @Test
  void docxChunksCarryTheHeadingPathAndNeverSpanSections() {
    ExtractedDocument doc = EXTRACTOR.extract(TestDocuments.docx(), "r.docx", null);

    List<ChunkDraft> chunks = new Chunker(new ChunkingConfig(10_000, 100, 20_000)).chunk(doc);

    assertThat(chunks)
        .extracting(ChunkDraft::headingPath, ChunkDraft::text)
        .containsExactly(
            tuple(List.of("Introduction"), "Introduction\n\nSales grew in every region."),
            tuple(List.of("Introduction", "Europe"), "Europe\n\nBerlin led the growth."),
            tuple(List.of("Outlook"), "Outlook\n\nWe expect a calm quarter."));
    assertOffsetsMatch(doc, chunks);
  }

  @Test
  void aHeadingOnlySectionIsCarriedIntoItsFirstSubsection() {
    String md = "# Guide\n\n## Install\n\nRun the installer and follow the prompts.\n";
    ExtractedDocument doc = EXTRACTOR.extract(md.getBytes(StandardCharsets.UTF_8), "g.md", null);

    List<ChunkDraft> chunks = new Chunker(new ChunkingConfig(1000, 100, 2000)).chunk(doc);

    assertThat(chunks).hasSize(1);
    assertThat(chunks.get(0).text())
        .isEqualTo("# Guide\n\n## Install\n\nRun the installer and follow the prompts.");
    assertThat(chunks.get(0).headingPath()).containsExactly("Guide", "Install");
  }

  @Test
  void transcriptCuesArePackedWithTheirTimes() {
    String vtt =
        """
        WEBVTT

        00:00:00.000 --> 00:00:02.000
        Hello and welcome.

        00:00:02.000 --> 00:00:05.000
        Today we talk about owls.

        00:00:05.000 --> 00:00:09.000
        Owls hunt at night.

        00:00:09.000 --> 00:00:12.500
        They fly without a sound.
        """;
    ExtractedDocument doc = EXTRACTOR.extract(vtt.getBytes(StandardCharsets.UTF_8), "t.vtt", null);

    List<ChunkDraft> chunks = new Chunker(new ChunkingConfig(50, 0, 60)).chunk(doc);

    assertThat(chunks)
        .extracting(ChunkDraft::startSeconds, ChunkDraft::endSeconds, ChunkDraft::text)
        .containsExactly(
            tuple(0.0, 5.0, "Hello and welcome.\n\nToday we talk about owls."),
            tuple(5.0, 12.5, "Owls hunt at night.\n\nThey fly without a sound."));
    assertOffsetsMatch(doc, chunks);

    // With overlap, the next chunk starts with the previous chunk's last cue and its start time.
    List<ChunkDraft> overlapping = new Chunker(new ChunkingConfig(45, 25, 60)).chunk(doc);
    assertThat(overlapping)
        .extracting(ChunkDraft::startSeconds, ChunkDraft::endSeconds, ChunkDraft::text)
        .containsExactly(
            tuple(0.0, 5.0, "Hello and welcome.\n\nToday we talk about owls."),
            tuple(2.0, 9.0, "Today we talk about owls.\n\nOwls hunt at night."),
            tuple(5.0, 12.5, "Owls hunt at night.\n\nThey fly without a sound."));
  }

  @Test
  void randomDocumentsAreNeverCutMidWordAndLoseNoText() {
    Random random = new Random(42);
    for (int round = 0; round < 300; round++) {
      ExtractedDocument doc = randomDocument(random);
      int target = 20 + random.nextInt(400);
      ChunkingConfig config =
          new ChunkingConfig(target, random.nextInt(target), target + random.nextInt(target + 1));
      String full = Chunker.fullText(doc);

      List<ChunkDraft> chunks = new Chunker(config).chunk(doc);

      assertOffsetsMatch(doc, chunks);
      BitSet covered = new BitSet(full.length());
      for (ChunkDraft c : chunks) {
        String where = "round " + round + " " + config + " chunk " + c.ordinal();
        assertThat(c.text().length()).as(where).isLessThanOrEqualTo(config.maxChars());
        assertThat(c.charStart() == 0 || Character.isWhitespace(full.charAt(c.charStart() - 1)))
            .as(where + " starts on a word")
            .isTrue();
        assertThat(c.charEnd() == full.length() || Character.isWhitespace(full.charAt(c.charEnd())))
            .as(where + " ends on a word")
            .isTrue();
        assertThat(c.text()).as(where + " stays on one page").doesNotContain("@page");
        covered.set(c.charStart(), c.charEnd());
      }
      for (int i = 0; i < full.length(); i++) {
        if (!Character.isWhitespace(full.charAt(i))) {
          assertThat(covered.get(i)).as("round %d: char %d is in a chunk", round, i).isTrue();
        }
      }
    }
  }

  /**
   * Words of 1-12 letters in sentences and paragraphs, spread over segments on different pages.
   * "@page" joins the last word of a page to the next page's first word, so a chunk crossing a page
   * boundary would contain it.
   */
  private static ExtractedDocument randomDocument(Random random) {
    List<Segment> segments = new ArrayList<>();
    int count = 1 + random.nextInt(4);
    for (int s = 0; s < count; s++) {
      StringBuilder text = new StringBuilder();
      int paragraphs = 1 + random.nextInt(5);
      for (int p = 0; p < paragraphs; p++) {
        if (p > 0) {
          text.append(random.nextBoolean() ? "\n\n" : "\n");
        }
        int sentences = 1 + random.nextInt(8);
        for (int t = 0; t < sentences; t++) {
          if (t > 0) {
            text.append(' ');
          }
          int words = 1 + random.nextInt(20);
          for (int w = 0; w < words; w++) {
            if (w > 0) {
              text.append(random.nextInt(10) == 0 ? ", " : " ");
            }
            int letters = 1 + random.nextInt(12);
            for (int l = 0; l < letters; l++) {
              text.append((char) ('a' + random.nextInt(26)));
            }
          }
          text.append(random.nextBoolean() ? '.' : '?');
        }
      }
      segments.add(Segment.onPage(text.toString(), s + 1));
    }
    return new ExtractedDocument(null, "application/pdf", segments);
  }

  private static void assertOffsetsMatch(ExtractedDocument doc, List<ChunkDraft> chunks) {
    String full = Chunker.fullText(doc);
    for (int i = 0; i < chunks.size(); i++) {
      ChunkDraft c = chunks.get(i);
      assertThat(c.ordinal()).isEqualTo(i);
      assertThat(full.substring(c.charStart(), c.charEnd())).isEqualTo(c.text());
      assertThat(c.text()).isNotBlank();
    }
  }

  @Test
  void aDocumentOfManyTinyPagesIsRefusedAtTheChunkCap() {
    // Each page is chunked apart: 20 000 one-word pages are 20 000 chunks from 120 000 characters,
    // far inside the text limit. The cap stops the chunker there instead of embedding them all.
    List<Segment> pages = new ArrayList<>();
    for (int i = 1; i <= 20_000; i++) {
      pages.add(Segment.onPage("w" + i, i));
    }
    ExtractedDocument doc = new ExtractedDocument(null, "application/pdf", pages);
    Chunker chunker = new Chunker(new IngestConfig().chunking());

    dev.minirag.common.ApiException refused =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            dev.minirag.common.ApiException.class, () -> chunker.chunk(doc, 10_000));

    assertThat(refused.status()).isEqualTo(413);
    assertThat(refused.getMessage()).contains("more than 10000 chunks");
    assertThat(chunker.chunk(doc, 20_000)).hasSize(20_000);
    assertThat(chunker.chunk(doc)).hasSize(20_000);
  }
}
