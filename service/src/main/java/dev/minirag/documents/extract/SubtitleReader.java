package dev.minirag.documents.extract;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.parser.Parser;

/**
 * Reads WebVTT and SubRip. Both are blocks separated by blank lines, each with a timing line {@code
 * start --> end}; VTT adds a header, NOTE/STYLE/REGION blocks, cue settings after the end time and
 * inline tags ({@code <v Speaker>}, {@code <c.x>}, {@code <00:01.000>}); SRT numbers its cues and
 * sometimes carries {@code <i>} or {@code {\an8}} tags. One reader handles both.
 */
final class SubtitleReader {

  private static final String TIME = "(?:(\\d{1,3}):)?(\\d{1,2}):(\\d{2})[.,](\\d{1,3})";
  private static final Pattern TIMING =
      Pattern.compile("^\\s*" + TIME + "\\s*-->\\s*" + TIME + "(?:[ \\t].*)?$");
  private static final Pattern VTT_HEADER = Pattern.compile("^WEBVTT(?:[ \\t].*)?$");
  private static final Pattern SRT_START = Pattern.compile("^\\s*\\d+\\s*\\n" + TIME + "\\s*-->");
  private static final Set<String> VTT_META_BLOCKS = Set.of("NOTE", "STYLE", "REGION");

  private SubtitleReader() {}

  static boolean looksLikeVtt(String head) {
    int end = head.indexOf('\n');
    String first = (end < 0 ? head : head.substring(0, end)).strip();
    return VTT_HEADER.matcher(first).matches();
  }

  static boolean looksLikeSrt(String head) {
    return SRT_START.matcher(normalizeNewlines(head)).lookingAt();
  }

  /** The cues in order; consecutive repeats of a line (rolling captions) are dropped. */
  static List<Cue> read(String text) {
    List<Cue> cues = new ArrayList<>();
    // A set: a cue of many lines after another of many lines must not compare every pair.
    Set<String> previousLines = Set.of();
    for (String block : normalizeNewlines(text).split("\\n[ \\t]*\\n")) {
      Cancellation.check();
      List<String> lines = List.of(block.strip().split("\\n"));
      int timing = timingLine(lines);
      if (timing < 0 || VTT_META_BLOCKS.contains(firstWord(lines.get(0)))) {
        continue;
      }
      Matcher m = TIMING.matcher(lines.get(timing));
      if (!m.matches()) {
        continue;
      }
      List<String> body = new ArrayList<>();
      Set<String> cleanLines = new HashSet<>();
      for (String line : lines.subList(timing + 1, lines.size())) {
        String clean = clean(line);
        cleanLines.add(clean);
        if (!clean.isEmpty() && !previousLines.contains(clean)) {
          body.add(clean);
        }
      }
      previousLines = cleanLines;
      if (!body.isEmpty()) {
        cues.add(new Cue(seconds(m, 1), seconds(m, 5), String.join(" ", body)));
      }
    }
    return cues;
  }

  /** A cue's timing line is its first line, or its second after an identifier (SRT number). */
  private static int timingLine(List<String> lines) {
    for (int i = 0; i < Math.min(2, lines.size()); i++) {
      if (lines.get(i).contains("-->")) {
        return i;
      }
    }
    return -1;
  }

  private static String firstWord(String line) {
    String[] words = line.strip().split("\\s+", 2);
    return words[0];
  }

  private static String clean(String line) {
    String noTags = stripTags(line);
    String text = Parser.unescapeEntities(noTags, false).replace('\u00A0', ' ');
    return text.replaceAll("\\s+", " ").strip();
  }

  /**
   * Removes {@code <...>} tags and SRT {@code {\\...}} overrides from one line (no newline in it),
   * each ended by the first closing character; an opener with no closer after it stays as text. A
   * hand scan because the regular expression it replaces re-read the rest of the line from every
   * unclosed {@code <}.
   */
  static String stripTags(String line) {
    StringBuilder out = new StringBuilder(line.length());
    int nextGt = -2; // index of the next '>' at or after i; -1 none left; -2 not looked up yet
    int nextBrace = -2; // the same for '}'
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      int close = -1;
      if (c == '<') {
        nextGt = nextGt >= i || nextGt == -1 ? nextGt : closer(line, '>', i);
        close = nextGt;
      } else if (c == '{' && i + 1 < line.length() && line.charAt(i + 1) == '\\') {
        nextBrace = nextBrace >= i + 2 || nextBrace == -1 ? nextBrace : closer(line, '}', i + 2);
        close = nextBrace;
      }
      if (close >= 0) {
        i = close + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** The first {@code wanted} at or after {@code from}, or -1; lines hold no newline. */
  private static int closer(String line, char wanted, int from) {
    return line.indexOf(wanted, from);
  }

  private static double seconds(Matcher m, int group) {
    String hours = m.group(group);
    double h = hours == null ? 0 : Integer.parseInt(hours);
    int minutes = Integer.parseInt(m.group(group + 1));
    int secs = Integer.parseInt(m.group(group + 2));
    String fraction = m.group(group + 3);
    double millis = Integer.parseInt(fraction) * Math.pow(10, 3 - fraction.length());
    return h * 3600 + minutes * 60 + secs + millis / 1000.0;
  }

  private static String normalizeNewlines(String text) {
    return text.replace("\r\n", "\n").replace('\r', '\n');
  }
}
