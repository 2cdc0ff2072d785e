package dev.minirag.documents.extract;

/** The document types we extract, each with the MIME type reported for it. */
enum DocumentFormat {
  PDF("application/pdf"),
  DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
  PPTX("application/vnd.openxmlformats-officedocument.presentationml.presentation"),
  XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
  EPUB("application/epub+zip"),
  HTML("text/html"),
  MARKDOWN("text/markdown"),
  TEXT("text/plain"),
  VTT("text/vtt"),
  SRT("application/x-subrip");

  static final String SUPPORTED =
      "PDF, DOCX, PPTX, XLSX, EPUB, HTML, Markdown, plain text, WebVTT (.vtt) and SubRip (.srt)";

  private final String mimeType;

  DocumentFormat(String mimeType) {
    this.mimeType = mimeType;
  }

  String mimeType() {
    return mimeType;
  }

  /** A zip container (checked by ZipGuard before it is parsed). */
  boolean zipContainer() {
    return this == DOCX || this == PPTX || this == XLSX || this == EPUB;
  }

  /** Parsed by Tika rather than by our own readers. */
  boolean viaTika() {
    return this == PDF || this == DOCX || this == PPTX || this == XLSX || this == EPUB;
  }
}
