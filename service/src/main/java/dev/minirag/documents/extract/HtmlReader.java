package dev.minirag.documents.extract;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.Elements;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Extracts the main content of an HTML page with jsoup: navigation, page chrome, scripts, forms and
 * hidden elements are removed, then the main element (or the single article, or the body) is read
 * with h1-h6 as the heading path.
 */
final class HtmlReader {

  /** Never content, wherever they appear. */
  private static final String NOISE =
      "script, style, noscript, template, nav, aside, form, iframe, svg, canvas, button, select,"
          + " dialog, menu, [hidden], [aria-hidden=true], [role=navigation], [role=banner],"
          + " [role=contentinfo], [role=complementary], [role=search], [role=dialog],"
          + " [style~=(?i)display\\s*:\\s*none]";

  /**
   * Elements nested deeper than this are attached at this depth (their text is kept). jsoup's cost
   * per element grows with this bound; its default of 512 made 100 000 nested divs cost ~0.7 s of
   * CPU, 128 a quarter of that, and real pages nest far less.
   */
  static final int MAX_DEPTH = 128;

  ExtractedDocument read(byte[] content, int maxChars) throws IOException {
    // jsoup picks the charset from a BOM or <meta charset>, defaulting to UTF-8. It reads the
    // input as it parses, so a stream that checks for cancellation makes the parse stoppable.
    Document doc =
        Jsoup.parse(
            new CancellableInputStream(new ByteArrayInputStream(content)),
            null,
            "",
            Parser.htmlParser().setMaxDepth(MAX_DEPTH));
    doc.select(NOISE).remove();
    removePageChrome(doc);
    SegmentCollector collector = new SegmentCollector(maxChars);
    BlockTextBuilder builder = new BlockTextBuilder(collector, BlockTextBuilder.Pages.NONE);
    NodeTraversor.traverse(new Feeder(builder), mainContent(doc));
    builder.finish();
    String title = doc.title().isBlank() ? collector.firstHeading() : doc.title().strip();
    return new ExtractedDocument(title, DocumentFormat.HTML.mimeType(), collector.finish());
  }

  /**
   * Site headers and footers go; an article's own header (its headline, byline) and footer stay.
   */
  private static void removePageChrome(Document doc) {
    for (Element e : doc.select("header, footer")) {
      if (!e.parents().is("article, main, [role=main]")) {
        e.remove();
      }
    }
  }

  private static Element mainContent(Document doc) {
    Elements main = doc.select("main, [role=main]");
    if (!main.isEmpty()) {
      return main.first();
    }
    Elements articles = doc.select("article");
    if (articles.size() == 1) {
      return articles.first();
    }
    return doc.body() != null ? doc.body() : doc;
  }

  private static final class Feeder implements NodeVisitor {
    private final BlockTextBuilder builder;

    Feeder(BlockTextBuilder builder) {
      this.builder = builder;
    }

    @Override
    public void head(Node node, int depth) {
      if (node instanceof Element e) {
        builder.start(e.normalName(), e.className());
      } else if (node instanceof TextNode t) {
        builder.text(t.getWholeText());
      }
    }

    @Override
    public void tail(Node node, int depth) {
      if (node instanceof Element e) {
        builder.end(e.normalName());
      }
    }
  }
}
