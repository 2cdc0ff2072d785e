package dev.minirag.ask;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What kind of statement would answer a question, read from its wording: a default, a quantity, a
 * version, a procedure, a definition, or anything else. A sentence of the expected kind is
 * preferred among sentences that cover the question's terms about equally well.
 */
enum AnswerType {
  DEFAULT(
      Pattern.compile(
          "\\bdefault|\\b(if|when) (i |you |we )?(do not|don['\u2019]t|did not|didn['\u2019]t)\\b|\\bwithout (naming|passing|giving|specifying|setting|a value)\\b|\\bwithout --?[a-z]"
              + "|\\b(when|if) no\\b|\\b(is|are) not (set|given|specified|configured)\\b|\\bisn't (set|given|specified)\\b|\\bnone is (set|given|configured)\\b|\\bbut no\\b|\\bunless (i|you|we|one)\\b"),
      Pattern.compile(
          "\\b(default|defaults|defaulted)\\b|\\bif (unset|not set|omitted|not given|not specified)\\b|\\bunless\\b")),
  QUANTITY(
      Pattern.compile(
          "\\b(how (many|much|long|big|large|often|far|old)|maximum|minimum|max|min|limit|size|number of|threshold|timeout|capacity|percent|count)\\b"),
      Pattern.compile("\\d|\\b(unlimited|infinite|no limit)\\b")),
  VERSION(
      Pattern.compile(
          "\\b(which|what) ([a-z]+ )?version\\b|\\bsince when\\b|\\bintroduced\\b|\\bdeprecated\\b|\\bremoved in\\b|\\bsince version\\b"),
      // (?<!\\d): a match starts only where a run of digits starts, or each digit of a long run
      // would start a scan of the rest of it (quadratic); find() answers the same either way.
      Pattern.compile("(?<!\\d)\\d+\\.\\d+|\\bversion\\b|\\bdeprecated\\b|\\bsince\\b")),
  DEFINITION(
      Pattern.compile(
          "^what (is|are) (a |an |the )?[^ ]+( [^ ]+){0,3}\\?$|^what (does|do) .{1,80} (do|mean|check|stand for|for)\\?$|^what is .{1,60} for\\?$"),
      Pattern.compile(" - |\\b(is|are) (a|an|the)\\b|\\bmeans\\b|\\brefers to\\b")),
  PROCEDURE(
      Pattern.compile(
          AnswerType.HOW_DO_I + "|\\bwhat command\\b|\\bwhich (option|command|flag|setting)\\b"),
      Pattern.compile("(^|\\s)--?[a-z]|\\buse\\b|\\brun\\b|\\bset\\b")),
  OTHER(null, null);

  private final Pattern question;
  private final Pattern sentence;

  AnswerType(Pattern question, Pattern sentence) {
    this.question = question;
    this.sentence = sentence;
  }

  static AnswerType of(String question) {
    String q = question.toLowerCase(Locale.ROOT).strip();
    // Order matters: "which version introduced the default" asks for a version, and "by default,
    // how many…" for a number: a sentence that says "by default" without one does not answer it.
    if (VERSION.question.matcher(q).find()) {
      return VERSION;
    }
    // "How do I limit…", "how do I see how much…": asked how to do it, not for a number.
    if (ASKS_HOW.matcher(q).find()) {
      return PROCEDURE;
    }
    for (AnswerType t : new AnswerType[] {QUANTITY, DEFAULT, PROCEDURE, DEFINITION}) {
      if (t.question.matcher(q).find()) {
        return t;
      }
    }
    return OTHER;
  }

  /** Whether the sentence states something of this kind (always false for {@link #OTHER}). */
  boolean fits(String sentence) {
    if (this.sentence == null) {
      return false;
    }
    // A manual-page reference such as git-gc(1) is not a number the question asked for.
    String s = MAN_PAGE.matcher(sentence.toLowerCase(Locale.ROOT)).replaceAll(" ");
    return this.sentence.matcher(s).find();
  }

  /** "How do I…", "how to…" at the start of a question. */
  private static final String HOW_DO_I = "^(how (do|can|should|would) (i|you|we|one)|how to)\\b";

  private static final Pattern ASKS_HOW = Pattern.compile(HOW_DO_I);

  private static final Pattern MAN_PAGE = Pattern.compile("[\\w.-]{1,80}\\(\\d\\)");
}
