package dev.minirag.documents.extract;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xslf.usermodel.SlideLayout;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/** Builds real documents in memory with the same libraries that write them in the wild. */
public final class TestDocuments {

  private TestDocuments() {}

  /** A PDF with one text line per entry of {@code pages}; an empty entry makes a blank page. */
  public static byte[] pdf(String title, List<String> pages) {
    return pdf(title, pages, null);
  }

  public static byte[] encryptedPdf(String userPassword) {
    return pdf("Secret", List.of("Classified text."), userPassword);
  }

  /** Encrypted with an owner password only: anyone may open it, as many published PDFs are. */
  public static byte[] ownerLockedPdf(String text) {
    return pdf("Published", List.of(text), "");
  }

  private static byte[] pdf(String title, List<String> pages, String userPassword) {
    try (PDDocument doc = new PDDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      for (String text : pages) {
        PDPage page = new PDPage();
        doc.addPage(page);
        if (text.isEmpty()) {
          continue;
        }
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
          cs.beginText();
          cs.setFont(font, 12);
          cs.newLineAtOffset(72, 700);
          cs.showText(text);
          cs.endText();
        }
      }
      if (title != null) {
        doc.getDocumentInformation().setTitle(title);
      }
      if (userPassword != null) {
        StandardProtectionPolicy policy =
            new StandardProtectionPolicy(
                "owner-" + userPassword, userPassword, new AccessPermission());
        policy.setEncryptionKeyLength(128);
        doc.protect(policy);
      }
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A DOCX with Word's built-in heading styles, so readers see real headings. */
  public static byte[] docx() {
    try (XWPFDocument doc = new XWPFDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      XWPFStyles styles = doc.createStyles();
      addStyle(styles, "Heading1", "heading 1");
      addStyle(styles, "Heading2", "heading 2");
      doc.getProperties().getCoreProperties().setTitle("Quarterly Report");
      heading(doc, "Heading1", "Introduction");
      doc.createParagraph().createRun().setText("Sales grew in every region.");
      heading(doc, "Heading2", "Europe");
      doc.createParagraph().createRun().setText("Berlin led the growth.");
      heading(doc, "Heading1", "Outlook");
      doc.createParagraph().createRun().setText("We expect a calm quarter.");
      doc.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The DOCX above, encrypted the way Word does it (agile encryption in an OLE2 container). */
  public static byte[] encryptedDocx(String password) {
    try (POIFSFileSystem fs = new POIFSFileSystem();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
      encryptor.confirmPassword(password);
      try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(docx()));
          OutputStream encrypted = encryptor.getDataStream(fs)) {
        pkg.save(encrypted);
      }
      fs.writeFilesystem(out);
      return out.toByteArray();
    } catch (IOException | GeneralSecurityException | InvalidFormatException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void addStyle(XWPFStyles styles, String id, String name) {
    CTStyle style = CTStyle.Factory.newInstance();
    style.setStyleId(id);
    style.setType(STStyleType.PARAGRAPH);
    style.addNewName().setVal(name);
    styles.addStyle(new XWPFStyle(style));
  }

  private static void heading(XWPFDocument doc, String style, String text) {
    XWPFParagraph p = doc.createParagraph();
    p.setStyle(style);
    p.createRun().setText(text);
  }

  public static byte[] xlsx() {
    try (XSSFWorkbook book = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      XSSFSheet budget = book.createSheet("Budget");
      row(budget, 0, "Item", "Cost");
      row(budget, 1, "Coffee", "3.50");
      row(budget, 2, "Tea", "2.10");
      row(book.createSheet("Notes"), 0, "Remember the milk");
      book.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void row(XSSFSheet sheet, int index, String... cells) {
    XSSFRow row = sheet.createRow(index);
    for (int i = 0; i < cells.length; i++) {
      row.createCell(i).setCellValue(cells[i]);
    }
  }

  public static byte[] pptx(String... slideTitlesAndBodies) {
    try (XMLSlideShow show = new XMLSlideShow();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      for (int i = 0; i + 1 < slideTitlesAndBodies.length; i += 2) {
        XSLFSlide slide =
            show.createSlide(
                show.getSlideMasters().get(0).getLayout(SlideLayout.TITLE_AND_CONTENT));
        slide.getPlaceholder(0).setText(slideTitlesAndBodies[i]);
        slide.getPlaceholder(1).setText(slideTitlesAndBodies[i + 1]);
      }
      show.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A minimal EPUB 3: stored mimetype first, container.xml, an OPF and one XHTML chapter. */
  public static byte[] epub() {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put(
        "META-INF/container.xml",
        """
        <?xml version="1.0"?>
        <container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
          <rootfiles>
            <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
          </rootfiles>
        </container>\
        """);
    entries.put(
        "OEBPS/content.opf",
        """
        <?xml version="1.0"?>
        <package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
          <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
            <dc:title>The Lighthouse</dc:title>
            <dc:identifier id="id">urn:uuid:1</dc:identifier>
            <dc:language>en</dc:language>
          </metadata>
          <manifest>
            <item id="c1" href="ch1.xhtml" media-type="application/xhtml+xml"/>
          </manifest>
          <spine><itemref idref="c1"/></spine>
        </package>\
        """);
    entries.put(
        "OEBPS/ch1.xhtml",
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <html xmlns="http://www.w3.org/1999/xhtml"><head><title>Chapter 1</title></head>
        <body>
          <h1>Chapter One</h1>
          <p>The keeper climbed the stairs.</p>
          <h2>The Storm</h2>
          <p>Rain hammered the glass.</p>
        </body></html>\
        """);
    return zip("application/epub+zip", entries);
  }

  /** A zip whose first entry is a stored {@code mimetype} (when given), then deflated entries. */
  public static byte[] zip(String mimetype, Map<String, String> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      if (mimetype != null) {
        byte[] data = mimetype.getBytes(StandardCharsets.US_ASCII);
        ZipEntry entry = new ZipEntry("mimetype");
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
      }
      for (Map.Entry<String, String> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * A DOCX-shaped zip whose document.xml inflates to {@code inflatedBytes} of one repeated byte: a
   * few hundred KB on the wire, far more once inflated.
   */
  public static byte[] docxBomb(long inflatedBytes) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
      zip.write(
          ("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                  + "content-types\"><Override PartName=\"/word/document.xml\" ContentType=\""
                  + "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main"
                  + "+xml\"/></Types>")
              .getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("word/document.xml"));
      byte[] spaces = new byte[64 * 1024];
      Arrays.fill(spaces, (byte) ' ');
      for (long written = 0; written < inflatedBytes; written += spaces.length) {
        zip.write(spaces);
      }
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static byte[] png() {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
