package dev.minirag.documents.extract;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CancellationException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.AutoDetectParserConfig;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.epub.EpubParser;
import org.apache.tika.parser.microsoft.ooxml.OOXMLParser;
import org.apache.tika.parser.pdf.PDFParser;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Extracts PDF, DOCX, PPTX, XLSX and EPUB through Tika's AutoDetectParser. The parser knows only
 * those formats (nothing else is reachable, even through an embedded file), embedded documents are
 * not parsed at all, OCR is off, and Tika's SecureContentHandler bounds the output-to-input ratio.
 */
final class TikaReader {

  private final AutoDetectParser parser;

  TikaReader(ExtractionLimits limits) {
    parser = new AutoDetectParser(new PDFParser(), new OOXMLParser(), new EpubParser());
    AutoDetectParserConfig config = new AutoDetectParserConfig();
    config.setMaximumCompressionRatio(limits.maxCompressionRatio());
    config.setOutputThreshold(1_000_000L);
    config.setMaximumDepth(200);
    parser.setAutoDetectParserConfig(config);
  }

  /**
   * @param deadlineNanos a {@link System#nanoTime} value after which the parse is abandoned
   */
  ExtractedDocument read(byte[] content, DocumentFormat format, int maxChars, long deadlineNanos)
      throws IOException, SAXException, TikaException {
    SegmentCollector collector = new SegmentCollector(maxChars);
    BlockTextBuilder builder = new BlockTextBuilder(collector, pagesOf(format));
    Metadata metadata = new Metadata();
    // Parse as the type we detected, so the gate and the parser never disagree.
    metadata.set(TikaCoreProperties.CONTENT_TYPE_PARSER_OVERRIDE, format.mimeType());
    try (InputStream in = TikaInputStream.get(content)) {
      parser.parse(in, new Adapter(builder, deadlineNanos), metadata, context());
    }
    builder.finish();
    String title = metadata.get(TikaCoreProperties.TITLE);
    if (title == null || title.isBlank()) {
      title = collector.firstHeading();
    }
    return new ExtractedDocument(
        title == null ? null : title.strip(), format.mimeType(), collector.finish());
  }

  private static ParseContext context() {
    ParseContext context = new ParseContext();
    context.set(EmbeddedDocumentExtractor.class, new SkipEmbedded());
    PDFParserConfig pdf = new PDFParserConfig();
    pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
    pdf.setExtractInlineImages(false);
    pdf.setExtractBookmarksText(false);
    context.set(PDFParserConfig.class, pdf);
    return context;
  }

  private static BlockTextBuilder.Pages pagesOf(DocumentFormat format) {
    return switch (format) {
      case PDF -> BlockTextBuilder.Pages.PDF_PAGES;
      case PPTX -> BlockTextBuilder.Pages.SLIDES;
      default -> BlockTextBuilder.Pages.NONE;
    };
  }

  /** Attachments and OLE objects are skipped: each is one more parser an upload could attack. */
  private static final class SkipEmbedded implements EmbeddedDocumentExtractor {
    @Override
    public boolean shouldParseEmbedded(Metadata metadata) {
      return false;
    }

    @Override
    public void parseEmbedded(
        InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml) {}
  }

  /**
   * Forwards Tika's XHTML SAX events to the builder. Tika's parsers do not notice an interrupt, so
   * this is where a timed-out parse is stopped: the next event after the deadline (or after the
   * thread was interrupted) throws, and the exception unwinds the parser.
   */
  private static final class Adapter extends DefaultHandler {
    private final BlockTextBuilder builder;
    private final long deadlineNanos;

    Adapter(BlockTextBuilder builder, long deadlineNanos) {
      this.builder = builder;
      this.deadlineNanos = deadlineNanos;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) {
      stopIfOverdue();
      builder.start(name(localName, qName), atts.getValue("class"));
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
      builder.end(name(localName, qName));
    }

    @Override
    public void characters(char[] ch, int start, int length) {
      stopIfOverdue();
      builder.text(new String(ch, start, length));
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) {
      stopIfOverdue();
    }

    private void stopIfOverdue() {
      if (System.nanoTime() - deadlineNanos > 0) {
        throw new CancellationException("extraction passed its deadline");
      }
      Cancellation.check();
    }

    private static String name(String localName, String qName) {
      return localName == null || localName.isEmpty() ? qName : localName;
    }
  }
}
