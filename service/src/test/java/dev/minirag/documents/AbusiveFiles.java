package dev.minirag.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Hostile uploads, built in memory: zip bombs in the shapes of DOCX, XLSX and EPUB, a zip of a
 * hundred thousand entries, billion-laughs XML, a PDF whose page tree lies, a PDF of many real
 * pages, files whose name or header lies about their type, and very large single elements or cue
 * lists. Each is a few MB at most on the wire.
 */
public final class AbusiveFiles {

  /** One upload: what it is called on the wire, its bytes and its declared type. */
  public record Upload(String label, String fileName, String contentType, byte[] bytes) {}

  private AbusiveFiles() {}

  /** Every case, in a stable order. */
  public static List<Upload> all() {
    List<Upload> all = new ArrayList<>();
    all.add(new Upload("docx zip bomb", "bomb.docx", DOCX, docxBomb(256L * 1024 * 1024)));
    all.add(new Upload("xlsx zip bomb", "bomb.xlsx", XLSX, xlsxBomb(256L * 1024 * 1024)));
    all.add(new Upload("epub zip bomb", "bomb.epub", "application/epub+zip", epubBomb()));
    all.add(new Upload("zip of 100k entries", "many.docx", DOCX, manyEntries(100_000)));
    all.add(
        new Upload(
            "PK00 + zip of 100k entries", "many2.docx", DOCX, splitMarked(manyEntries(100_000))));
    all.add(
        new Upload(
            "PK00 + docx zip bomb", "bomb2.docx", DOCX, splitMarked(docxBomb(256L * 1024 * 1024))));
    all.add(new Upload("billion laughs in docx", "laughs.docx", DOCX, docxWith(billionLaughs())));
    all.add(
        new Upload(
            "billion laughs in epub",
            "laughs.epub",
            "application/epub+zip",
            epubWith(billionLaughs())));
    all.add(
        new Upload("billion laughs .xml", "laughs.xml", "application/xml", utf8(billionLaughs())));
    all.add(new Upload("billion laughs .html", "laughs.html", "text/html", utf8(billionLaughs())));
    all.add(new Upload("XXE in docx", "xxe.docx", DOCX, docxWith(externalEntity())));
    all.add(new Upload("pdf claiming 100k pages", "claims.pdf", PDF, pdfClaimingPages(100_000)));
    all.add(new Upload("pdf of 6k one-word pages", "pages.pdf", PDF, pdfOfPages(6_000)));
    all.add(new Upload("pdf of one page 8k times", "again.pdf", PDF, pdfRepeatingOnePage(8_000)));
    all.add(new Upload("pdf page tree cycle", "cycle.pdf", PDF, pdfPageTreeCycle()));
    all.add(
        new Upload(
            "xlsx of 1M shared strings", "strings.xlsx", XLSX, xlsxSharedStrings(1_000_000)));
    all.add(new Upload("0-byte file", "empty.pdf", PDF, new byte[0]));
    all.add(
        new Upload(
            ".pdf that is HTML",
            "page.pdf",
            PDF,
            utf8(
                "<html><body><h1>Not a PDF</h1><p>Hello from an HTML page named as a PDF.</p></body></html>")));
    all.add(new Upload("polyglot pdf + zip", "poly.pdf", PDF, polyglot()));
    all.add(
        new Upload(
            "2 MB single element html", "one.html", "text/html", singleElementHtml(2_000_000)));
    all.add(
        new Upload("html of 20k headings", "headings.html", "text/html", manyHeadingsHtml(20_000)));
    all.add(new Upload("vtt of 100k cues", "cues.vtt", "text/vtt", vttCues(100_000)));
    return all;
  }

  static final String DOCX =
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  static final String PDF = "application/pdf";

  private static final String CONTENT_TYPES =
      "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
          + "content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd."
          + "openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType="
          + "\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\""
          + "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
          + "</Types>";

  private static final String RELS =
      "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/"
          + "2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats."
          + "org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
          + "</Relationships>";

  /** A DOCX whose main part is {@code documentXml}. */
  public static byte[] docxWith(String documentXml) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("[Content_Types].xml", utf8(CONTENT_TYPES));
    entries.put("_rels/.rels", utf8(RELS));
    entries.put("word/document.xml", utf8(documentXml));
    return zip(null, entries);
  }

  /** A DOCX whose document.xml inflates to {@code inflated} bytes of spaces. */
  public static byte[] docxBomb(long inflated) {
    return bomb(
        Map.of("[Content_Types].xml", utf8(CONTENT_TYPES), "_rels/.rels", utf8(RELS)),
        "word/document.xml",
        inflated);
  }

  public static byte[] xlsxBomb(long inflated) {
    String types =
        "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
            + "content-types\"><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/"
            + "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>";
    return bomb(Map.of("[Content_Types].xml", utf8(types)), "xl/worksheets/sheet1.xml", inflated);
  }

  public static byte[] epubBomb() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      stored(zip, "mimetype", utf8("application/epub+zip"));
      put(zip, "META-INF/container.xml", utf8(CONTAINER));
      put(zip, "OEBPS/content.opf", utf8(OPF));
      zip.putNextEntry(new ZipEntry("OEBPS/ch1.xhtml"));
      writeSpaces(zip, 256L * 1024 * 1024);
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** An EPUB whose one chapter is {@code chapter}. */
  public static byte[] epubWith(String chapter) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("META-INF/container.xml", utf8(CONTAINER));
    entries.put("OEBPS/content.opf", utf8(OPF));
    entries.put("OEBPS/ch1.xhtml", utf8(chapter));
    return zip("application/epub+zip", entries);
  }

  private static final String CONTAINER =
      "<?xml version=\"1.0\"?><container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:"
          + "xmlns:container\"><rootfiles><rootfile full-path=\"OEBPS/content.opf\" media-type="
          + "\"application/oebps-package+xml\"/></rootfiles></container>";

  private static final String OPF =
      "<?xml version=\"1.0\"?><package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" "
          + "unique-identifier=\"id\"><metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
          + "<dc:title>Laughs</dc:title><dc:identifier id=\"id\">urn:uuid:1</dc:identifier>"
          + "</metadata><manifest><item id=\"c1\" href=\"ch1.xhtml\" media-type=\"application/"
          + "xhtml+xml\"/></manifest><spine><itemref idref=\"c1\"/></spine></package>";

  /**
   * A DOCX-shaped zip of {@code count} empty stored entries (the OOXML parts first): a few MB on
   * the wire, nothing to inflate, but one central-directory record per entry.
   */
  public static byte[] manyEntries(int count) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      put(zip, "[Content_Types].xml", utf8(CONTENT_TYPES));
      put(zip, "_rels/.rels", utf8(RELS));
      put(
          zip,
          "word/document.xml",
          utf8(DOC_START + "<w:p><w:r><w:t>hi</w:t></w:r></w:p>" + DOC_END));
      for (int i = 0; i < count; i++) {
        stored(zip, Integer.toString(i, 36), new byte[0]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static final String DOC_START =
      "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/"
          + "wordprocessingml/2006/main\"><w:body>";
  private static final String DOC_END = "</w:body></w:document>";

  /**
   * A zip behind the split-archive marker {@code PK00}: Tika's detector still recognises the DOCX
   * or EPUB inside, though it does not start with a local file header.
   */
  public static byte[] splitMarked(byte[] zip) {
    byte[] all = new byte[zip.length + 4];
    all[0] = 'P';
    all[1] = 'K';
    all[2] = '0';
    all[3] = '0';
    System.arraycopy(zip, 0, all, 4, zip.length);
    return all;
  }

  /**
   * A valid XLSX whose shared-strings table holds {@code strings} distinct short strings (every one
   * different, so it compresses only about 5:1 and passes the zip checks) and whose one sheet uses
   * the first of them: the table is loaded whole before any cell is read.
   */
  public static byte[] xlsxSharedStrings(int strings) {
    String main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    String rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    String ct = "application/vnd.openxmlformats-officedocument.spreadsheetml";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      put(
          zip,
          "[Content_Types].xml",
          utf8(
              "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/"
                  + "2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/"
                  + "vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\""
                  + " ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\""
                  + " ContentType=\""
                  + ct
                  + ".sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\""
                  + " ContentType=\""
                  + ct
                  + ".worksheet+xml\"/><Override PartName=\"/xl/sharedStrings.xml\""
                  + " ContentType=\""
                  + ct
                  + ".sharedStrings+xml\"/></Types>"));
      put(
          zip,
          "_rels/.rels",
          utf8(
              "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/"
                  + "package/2006/relationships\"><Relationship Id=\"rId1\" Type=\""
                  + rel
                  + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"));
      put(
          zip,
          "xl/workbook.xml",
          utf8(
              "<?xml version=\"1.0\"?><workbook xmlns=\""
                  + main
                  + "\" xmlns:r=\""
                  + rel
                  + "\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
                  + "</workbook>"));
      put(
          zip,
          "xl/_rels/workbook.xml.rels",
          utf8(
              "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/"
                  + "package/2006/relationships\"><Relationship Id=\"rId1\" Type=\""
                  + rel
                  + "/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\""
                  + " Type=\""
                  + rel
                  + "/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"));
      put(
          zip,
          "xl/worksheets/sheet1.xml",
          utf8(
              "<?xml version=\"1.0\"?><worksheet xmlns=\""
                  + main
                  + "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
                  + "</sheetData></worksheet>"));
      zip.putNextEntry(new ZipEntry("xl/sharedStrings.xml"));
      zip.write(
          utf8(
              "<?xml version=\"1.0\"?><sst xmlns=\""
                  + main
                  + "\" count=\""
                  + strings
                  + "\" uniqueCount=\""
                  + strings
                  + "\">"));
      java.util.Random random = new java.util.Random(7);
      StringBuilder batch = new StringBuilder();
      for (int i = 0; i < strings; i++) {
        batch
            .append("<si><t>")
            .append(Long.toString(random.nextLong() >>> 24, 36))
            .append("</t></si>");
        if (batch.length() > 64 * 1024) {
          zip.write(utf8(batch.toString()));
          batch.setLength(0);
        }
      }
      zip.write(utf8(batch + "</sst>"));
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The classic: ten levels of ten references, 10^9 "lol"s if expanded. */
  public static String billionLaughs() {
    StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n");
    dtd.append(" <!ENTITY lol \"lol\">\n");
    for (int level = 1; level <= 9; level++) {
      dtd.append(" <!ENTITY lol").append(level).append(" \"");
      String previous = level == 1 ? "lol" : "lol" + (level - 1);
      for (int i = 0; i < 10; i++) {
        dtd.append('&').append(previous).append(';');
      }
      dtd.append("\">\n");
    }
    return dtd
        + "]>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/"
        + "main\"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>";
  }

  /** An external entity naming a local file (XXE). */
  public static String externalEntity() {
    return "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
        + DOC_START
        + "<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>"
        + DOC_END;
  }

  /** A one-page PDF whose page tree says it has {@code claimed} pages. */
  public static byte[] pdfClaimingPages(int claimed) {
    String content = "BT /F1 12 Tf 72 720 Td (The only real page.) Tj ET";
    return pdf(
        List.of(
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count " + claimed + " >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
                + " /Resources << /Font << /F1 5 0 R >> >> >>",
            stream(content),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"));
  }

  /**
   * A PDF whose page tree lists the same page object {@code times} times: a few hundred KB that
   * reads as that many pages.
   */
  public static byte[] pdfRepeatingOnePage(int times) {
    String content = "BT /F1 12 Tf 72 720 Td (Again.) Tj ET";
    return pdf(
        List.of(
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [" + "3 0 R ".repeat(times) + "] /Count " + times + " >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
                + " /Resources << /Font << /F1 5 0 R >> >> >>",
            stream(content),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"));
  }

  /** A PDF whose page tree contains itself. */
  public static byte[] pdfPageTreeCycle() {
    String content = "BT /F1 12 Tf 72 720 Td (Round and round.) Tj ET";
    return pdf(
        List.of(
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
                + " /Resources << /Font << /F1 5 0 R >> >> >>",
            stream(content),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"));
  }

  /** A valid PDF of {@code pages} pages, each with one short word of its own. */
  public static byte[] pdfOfPages(int pages) {
    List<String> objects = new ArrayList<>();
    objects.add("<< /Type /Catalog /Pages 2 0 R >>");
    StringBuilder kids = new StringBuilder();
    for (int i = 0; i < pages; i++) {
      kids.append(4 + 2 * i).append(" 0 R ");
    }
    objects.add("<< /Type /Pages /Kids [" + kids + "] /Count " + pages + " >>");
    objects.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    for (int i = 0; i < pages; i++) {
      objects.add(
          "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents "
              + (5 + 2 * i)
              + " 0 R /Resources << /Font << /F1 3 0 R >> >> >>");
      objects.add(stream("BT /F1 12 Tf 72 720 Td (w" + Integer.toString(i, 36) + ") Tj ET"));
    }
    return pdf(objects);
  }

  private static String stream(String content) {
    return "<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream";
  }

  /** Objects numbered from 1, with a correct cross-reference table. */
  private static byte[] pdf(List<String> objects) {
    StringBuilder out = new StringBuilder("%PDF-1.4\n");
    long[] offsets = new long[objects.size()];
    for (int i = 0; i < objects.size(); i++) {
      offsets[i] = out.length();
      out.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
    }
    int xref = out.length();
    out.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
    for (long offset : offsets) {
      out.append(String.format("%010d 00000 n \n", offset));
    }
    out.append("trailer\n<< /Size ")
        .append(objects.size() + 1)
        .append(" /Root 1 0 R >>\nstartxref\n")
        .append(xref)
        .append("\n%%EOF\n");
    return out.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** A PDF header followed by a whole DOCX zip: each format's reader may claim it. */
  public static byte[] polyglot() {
    byte[] head = utf8("%PDF-1.4\n%\u00e2\u00e3\n");
    byte[] docx = docxWith(DOC_START + "<w:p><w:r><w:t>polyglot</w:t></w:r></w:p>" + DOC_END);
    byte[] all = Arrays.copyOf(head, head.length + docx.length);
    System.arraycopy(docx, 0, all, head.length, docx.length);
    return all;
  }

  /** One {@code <p>} holding one unbroken word, {@code bytes} long in all. */
  public static byte[] singleElementHtml(int bytes) {
    String open = "<html><body><p>";
    String close = "</p></body></html>";
    return utf8(open + "a".repeat(bytes - open.length() - close.length()) + close);
  }

  /** {@code count} headings, each with one short paragraph: one section each. */
  public static byte[] manyHeadingsHtml(int count) {
    StringBuilder html = new StringBuilder("<html><body>");
    for (int i = 0; i < count; i++) {
      html.append("<h2>h").append(i).append("</h2><p>p").append(i).append("</p>");
    }
    return utf8(html.append("</body></html>").toString());
  }

  public static byte[] vttCues(int cues) {
    StringBuilder vtt = new StringBuilder("WEBVTT\n\n");
    for (int i = 0; i < cues; i++) {
      vtt.append(time(i)).append(" --> ").append(time(i + 1)).append('\n');
      vtt.append("cue ").append(i).append("\n\n");
    }
    return utf8(vtt.toString());
  }

  private static String time(int seconds) {
    return String.format("%02d:%02d:%02d.000", seconds / 3600, (seconds / 60) % 60, seconds % 60);
  }

  private static byte[] bomb(Map<String, byte[]> parts, String payloadName, long inflated) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> p : new java.util.TreeMap<>(parts).entrySet()) {
        put(zip, p.getKey(), p.getValue());
      }
      zip.putNextEntry(new ZipEntry(payloadName));
      writeSpaces(zip, inflated);
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void writeSpaces(ZipOutputStream zip, long n) throws IOException {
    byte[] spaces = new byte[256 * 1024];
    Arrays.fill(spaces, (byte) ' ');
    for (long written = 0; written < n; written += spaces.length) {
      zip.write(spaces);
    }
  }

  private static byte[] zip(String mimetype, Map<String, byte[]> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      if (mimetype != null) {
        stored(zip, "mimetype", utf8(mimetype));
      }
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        put(zip, e.getKey(), e.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(data);
    zip.closeEntry();
  }

  private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(data.length);
    entry.setCompressedSize(data.length);
    CRC32 crc = new CRC32();
    crc.update(data);
    entry.setCrc(crc.getValue());
    zip.putNextEntry(entry);
    zip.write(data);
    zip.closeEntry();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
