package dev.minirag.ask;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What kind of statement would answer a question, read from its wording: a quantity or default
 * value, a version, a procedure, or anything else. A sentence of the expected kind is preferred
 * among sentences that cover the question's terms about equally well.
 */
enum AnswerType {
  QUANTITY(Pattern.compile("\\b(how (many|much|long|big|large|often|far|old)|default|maximum|minimum|max|min|limit|size|number of|threshold|timeout|capacity|percent|count)\\b"),
      Pattern.compile("\\d|\\b(default|defaults|unlimited|infinite|no limit)\\b")),
  VERSION(Pattern.compile("\\b(which|what) (git |)version\\b|\\bsince when\\b|\\bintroduced\\b|\\bdeprecated\\b|\\bremoved in\\b|\\bsince version\\b"),
      Pattern.compile("\\d+\\.\\d+|\\bversion\\b|\\bdeprecated\\b|\\bsince\\b")),
  PROCEDURE(Pattern.compile("^(how (do|can|should|would) (i|you|we|one)|how to)\\b|\\bwhat command\\b|\\bwhich (option|command|flag|setting)\\b"),
      Pattern.compile("(^|\\s)--?[a-z]|\\buse\\b|\\brun\\b|\\bset\\b|\\bgit [a-z]")),
  OTHER(null, null);

  private final Pattern question;
  private final Pattern sentence;

  AnswerType(Pattern question, Pattern sentence) {
    this.question = question;
    this.sentence = sentence;
  }

  static AnswerType of(String question) {
    String q = question.toLowerCase(Locale.ROOT).strip();
    // Order matters: "which version introduced the default" asks for a version.
    for (AnswerType t : new AnswerType[] {VERSION, QUANTITY, PROCEDURE}) {
      if (t.question.matcher(q).find()) {
        return t;
      }
    }
    return OTHER;
  }

  /** Whether the sentence states something of this kind (always false for {@link #OTHER}). */
  boolean fits(String sentence) {
    return this.sentence != null && this.sentence.matcher(sentence.toLowerCase(Locale.ROOT)).find();
  }
}
