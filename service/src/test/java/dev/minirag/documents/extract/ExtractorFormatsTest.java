package dev.minirag.documents.extract;

import static dev.minirag.documents.extract.TestDocuments.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.minirag.documents.IngestConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ExtractorFormatsTest {

  private static final Extractor EXTRACTOR = new Extractor(new IngestConfig().extraction());

  @AfterAll
  static void close() {
    EXTRACTOR.close();
  }

  private static List<String> texts(ExtractedDocument doc) {
    return doc.segments().stream().map(Segment::text).toList();
  }

  @Test
  void pdfGivesOneSegmentPerPageWithItsNumber() {
    byte[] pdf =
        TestDocuments.pdf(
            "Field Guide", List.of("Owls hunt at night.", "", "Herons wade in rivers."));

    ExtractedDocument doc = EXTRACTOR.extract(pdf, "guide.pdf", "application/pdf");

    assertThat(doc.mimeType()).isEqualTo("application/pdf");
    assertThat(doc.title()).isEqualTo("Field Guide");
    assertThat(doc.segments())
        .extracting(Segment::page, Segment::text)
        .containsExactly(tuple(1, "Owls hunt at night."), tuple(3, "Herons wade in rivers."));
  }

  @Test
  void typeComesFromTheContentWhenTheNameLies() {
    byte[] pdf = TestDocuments.pdf(null, List.of("Real PDF inside."));

    ExtractedDocument doc = EXTRACTOR.extract(pdf, "notes.txt", "text/plain");

    assertThat(doc.mimeType()).isEqualTo("application/pdf");
    assertThat(doc.segments().get(0).page()).isEqualTo(1);

    ExtractedDocument text =
        EXTRACTOR.extract(utf8("Just words."), "report.pdf", "application/pdf");
    assertThat(text.mimeType()).isEqualTo("text/plain");
    assertThat(texts(text)).containsExactly("Just words.");
  }

  @Test
  void docxHeadingsBecomeTheHeadingPath() {
    ExtractedDocument doc = EXTRACTOR.extract(TestDocuments.docx(), "r.docx", null);

    assertThat(doc.mimeType()).isEqualTo(DocumentFormat.DOCX.mimeType());
    assertThat(doc.title()).isEqualTo("Quarterly Report");
    assertThat(doc.segments())
        .extracting(Segment::headingPath, Segment::text)
        .containsExactly(
            tuple(List.of("Introduction"), "Introduction\n\nSales grew in every region."),
            tuple(List.of("Introduction", "Europe"), "Europe\n\nBerlin led the growth."),
            tuple(List.of("Outlook"), "Outlook\n\nWe expect a calm quarter."));
    assertThat(doc.segments()).allMatch(s -> s.page() == null);
  }

  @Test
  void xlsxSheetsAreSectionsAndRowsAreTabSeparatedLines() {
    ExtractedDocument doc = EXTRACTOR.extract(TestDocuments.xlsx(), null, null);

    assertThat(doc.mimeType()).isEqualTo(DocumentFormat.XLSX.mimeType());
    assertThat(doc.segments()).hasSize(2);
    assertThat(doc.segments().get(0).headingPath()).containsExactly("Budget");
    assertThat(doc.segments().get(0).text())
        .isEqualTo("Budget\n\nItem\tCost\nCoffee\t3.50\nTea\t2.10");
    assertThat(doc.segments().get(1).headingPath()).containsExactly("Notes");
    assertThat(doc.segments().get(1).text()).endsWith("Remember the milk");
  }

  @Test
  void pptxSlidesAreNumberedLikePages() {
    byte[] pptx = TestDocuments.pptx("Roadmap", "Ship search first", "Risks", "Hiring is slow");

    ExtractedDocument doc = EXTRACTOR.extract(pptx, "deck.pptx", null);

    assertThat(doc.mimeType()).isEqualTo(DocumentFormat.PPTX.mimeType());
    assertThat(doc.segments())
        .extracting(Segment::page, Segment::text)
        .containsExactly(
            tuple(1, "Roadmap\n\nShip search first"), tuple(2, "Risks\n\nHiring is slow"));
  }

  @Test
  void epubChaptersKeepTheirHeadings() {
    ExtractedDocument doc = EXTRACTOR.extract(TestDocuments.epub(), "book.epub", null);

    assertThat(doc.mimeType()).isEqualTo("application/epub+zip");
    assertThat(doc.title()).isEqualTo("The Lighthouse");
    assertThat(doc.segments())
        .extracting(Segment::headingPath, Segment::text)
        .containsExactly(
            tuple(List.of("Chapter One"), "Chapter One\n\nThe keeper climbed the stairs."),
            tuple(List.of("Chapter One", "The Storm"), "The Storm\n\nRain hammered the glass."));
  }

  @Test
  void htmlKeepsTheMainContentAndDropsNavigation() {
    String html =
        """
        <!DOCTYPE html>
        <html><head><title>Baking Bread</title><style>body{color:red}</style></head>
        <body>
          <header><a href="/">Home</a> <a href="/shop">Shop</a></header>
          <nav><ul><li>Menu item one</li><li>Menu item two</li></ul></nav>
          <main>
            <article>
              <h1>Baking   Bread</h1>
              <p>Flour, water and
                 salt.</p>
              <h2>Kneading</h2>
              <p>Knead for <b>ten</b> minutes.</p>
              <form><label>Subscribe to our newsletter</label><input name="e"></form>
              <aside>Related: cakes</aside>
              <h2>Baking</h2>
              <table><tr><th>Oven</th><th>Time</th></tr><tr><td>220 C</td><td>35 min</td></tr></table>
            </article>
          </main>
          <script>var tracking = 1;</script>
          <footer>Copyright 2024 Example Inc.</footer>
        </body></html>\
        """;

    ExtractedDocument doc = EXTRACTOR.extract(utf8(html), "page.html", "text/html");
    String all = String.join("\n\n", texts(doc));

    assertThat(doc.mimeType()).isEqualTo("text/html");
    assertThat(doc.title()).isEqualTo("Baking Bread");
    assertThat(all)
        .doesNotContain("Menu item", "Home", "Shop", "Copyright", "tracking", "newsletter")
        .doesNotContain("Related", "color:red");
    assertThat(doc.segments())
        .extracting(Segment::headingPath, Segment::text)
        .containsExactly(
            tuple(List.of("Baking Bread"), "Baking Bread\n\nFlour, water and salt."),
            tuple(List.of("Baking Bread", "Kneading"), "Kneading\n\nKnead for ten minutes."),
            tuple(List.of("Baking Bread", "Baking"), "Baking\n\nOven\tTime\n220 C\t35 min"));
  }

  @Test
  void htmlWithoutMainKeepsTheArticleHeaderAndPreformattedText() {
    String html =
        """
        <html><body>
          <header class="site">Site banner</header>
          <div role="navigation">Breadcrumbs here</div>
          <article>
            <header><h1>Release notes</h1><p>By the team</p></header>
            <pre>line one
          indented line</pre>
            <footer>Filed under releases</footer>
          </article>
          <article><p>Second article teaser</p></article>
          <div hidden>Hidden text</div>
          <div style="display: none">Invisible text</div>
          <footer>Site footer</footer>
        </body></html>\
        """;

    ExtractedDocument doc = EXTRACTOR.extract(utf8(html), "notes.html", null);
    String all = String.join("\n\n", texts(doc));

    assertThat(doc.title()).isEqualTo("Release notes");
    assertThat(all)
        .doesNotContain("Site banner", "Breadcrumbs", "Hidden", "Invisible", "Site footer");
    assertThat(all)
        .contains("By the team", "line one\n  indented line", "Filed under releases")
        .contains("Second article teaser");
  }

  @Test
  void markdownHeadingsOutsideCodeFencesMakeSections() {
    String md =
        """
        ---
        title: "Install Guide"
        ---
        Intro before any heading.

        # Setup
        Run the installer.

        ```bash
        # not a heading
        make install
        ```

        ## Linux ##
        Use the package.

        Windows
        -------
        Use the MSI.
        """;

    ExtractedDocument doc = EXTRACTOR.extract(utf8(md), "README.md", null);

    assertThat(doc.mimeType()).isEqualTo("text/markdown");
    assertThat(doc.title()).isEqualTo("Install Guide");
    assertThat(doc.segments())
        .extracting(Segment::headingPath, Segment::text)
        .containsExactly(
            tuple(List.of(), "Intro before any heading."),
            tuple(
                List.of("Setup"),
                "# Setup\n\nRun the installer.\n\n```bash\n# not a heading\nmake install\n```"),
            tuple(List.of("Setup", "Linux"), "## Linux ##\n\nUse the package."),
            tuple(List.of("Setup", "Windows"), "Windows\n-------\n\nUse the MSI."));
  }

  @Test
  void plainTextIsOneSegmentWithNormalizedNewlines() {
    byte[] text = utf8("First paragraph.\r\nStill first.\r\n\r\n\r\n\r\nSecond paragraph.   \r\n");

    ExtractedDocument doc = EXTRACTOR.extract(text, "notes.txt", null);

    assertThat(doc.mimeType()).isEqualTo("text/plain");
    assertThat(doc.title()).isNull();
    assertThat(texts(doc)).containsExactly("First paragraph.\nStill first.\n\nSecond paragraph.");
  }

  @Test
  void latin1TextIsDecoded() {
    // Tika calls bytes text when they are at least 90% ASCII, as Western European prose is.
    String french =
        "Le caf\u00e9 du village ouvre tous les matins a sept heures. On y sert une cr\u00e8me"
            + " excellente, du pain frais et des croissants. Les habitants viennent lire le"
            + " journal.";
    byte[] latin1 = french.getBytes(StandardCharsets.ISO_8859_1);

    ExtractedDocument doc = EXTRACTOR.extract(latin1, "menu.txt", null);

    assertThat(texts(doc).get(0)).contains("caf\u00e9", "cr\u00e8me");
  }

  @Test
  void webVttCuesKeepTimesAndLoseMarkup() {
    String vtt =
        """
        WEBVTT - Interview

        NOTE recorded live

        STYLE
        ::cue { color: yellow }

        intro
        00:00:01.000 --> 00:00:04.500 align:start position:10%
        <v Alice>Welcome to the <b>show</b>.</v>

        00:04.500 --> 00:07.250
        <v Bob>Thanks &amp; hello.
        Glad to be here.

        01:02:03.004 --> 01:02:05.000
        <c.loud>Bye</c> <00:00:06.000>now
        """;

    ExtractedDocument doc = EXTRACTOR.extract(utf8(vtt), "talk.txt", "text/plain");

    assertThat(doc.mimeType()).isEqualTo("text/vtt");
    assertThat(doc.segments())
        .extracting(Segment::startSeconds, Segment::endSeconds, Segment::text)
        .containsExactly(
            tuple(1.0, 4.5, "Welcome to the show."),
            tuple(4.5, 7.25, "Thanks & hello. Glad to be here."),
            tuple(3723.004, 3725.0, "Bye now"));
  }

  @Test
  void srtCuesKeepTimes() {
    String srt =
        "1\r\n00:00:01,000 --> 00:00:02,500\r\n<i>Hello</i> there.\r\n\r\n"
            + "2\r\n00:00:02,500 --> 00:00:04,000\r\n{\\an8}General Kenobi.\r\n";

    ExtractedDocument doc = EXTRACTOR.extract(utf8(srt), null, null);

    assertThat(doc.mimeType()).isEqualTo("application/x-subrip");
    assertThat(doc.segments())
        .extracting(Segment::startSeconds, Segment::endSeconds, Segment::text)
        .containsExactly(tuple(1.0, 2.5, "Hello there."), tuple(2.5, 4.0, "General Kenobi."));
  }

  @Test
  void rollingAutoCaptionsAreNotRepeated() {
    String vtt =
        """
        WEBVTT

        00:00:00.000 --> 00:00:02.000
        so today we talk

        00:00:02.000 --> 00:00:02.010
        so today we talk

        00:00:02.010 --> 00:00:04.000
        so today we talk
        about owls
        """;

    ExtractedDocument doc = EXTRACTOR.extract(utf8(vtt), "auto.vtt", null);

    assertThat(texts(doc)).containsExactly("so today we talk", "about owls");
    assertThat(doc.segments().get(1).startSeconds()).isEqualTo(2.01);
  }
}
