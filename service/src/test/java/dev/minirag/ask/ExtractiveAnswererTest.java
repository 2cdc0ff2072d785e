package dev.minirag.ask;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The offline answerer on words alone (no embedding model): order, markup, abstention, citations.
 */
class ExtractiveAnswererTest {

  private final ExtractiveAnswerer answerer =
      new ExtractiveAnswerer(ExtractiveAnswerer.Settings.defaults(3, 800), null);

  private static Passage passage(int n, String text) {
    return new Passage(
        n,
        UUID.randomUUID(),
        UUID.randomUUID(),
        "Doc " + n,
        null,
        "doc" + n + ".md",
        text,
        Map.of(),
        1.0 / n);
  }

  @Test
  void theSentenceThatAnswersComesFirstWithoutMarkup() {
    Passage p =
        passage(
            1,
            "# Harbour Tower\n\nThe tower stands on the north pier. Its lamp was made in Paris.\n\n"
                + "## Automation\nThe light was automated in 1978. Visitors may climb it in summer.");
    List<String> streamed = new ArrayList<>();
    Answerer.Answer a =
        answerer.answer("When was the tower's light automated?", List.of(p), streamed::add);
    assertThat(a.abstained()).isFalse();
    assertThat(a.text()).startsWith("The light was automated in 1978. [1]").doesNotContain("#");
    assertThat(String.join("", streamed)).isEqualTo(a.text());
    Citation c = a.citations().get(0);
    assertThat(p.text().substring(c.snippetStart(), c.snippetEnd()))
        .isEqualTo("The light was automated in 1978.");
  }

  @Test
  void aDefaultValueQuestionPrefersTheSentenceStatingTheDefault() {
    Passage advice =
        passage(
            1,
            "Tuning pack.window\n\nA larger pack.window may find better deltas for pack.window tuning, "
                + "but costs memory when the window is large.");
    Passage reference =
        passage(
            2, "pack.window\n\nThe size of the window used by git-pack-objects. Defaults to 10.");
    Answerer.Answer a =
        answerer.answer("What is the default pack.window?", List.of(advice, reference), t -> {});
    assertThat(a.text()).startsWith("pack.window: Defaults to 10. [2]");
    assertThat(a.citations().get(0).n()).isEqualTo(2);
  }

  @Test
  void unrelatedPassagesGiveNotFoundWithTheClosestPassages() {
    List<Passage> passages =
        List.of(
            passage(1, "The tower stands on the north pier of the harbour."),
            passage(2, "Its lamp was made in Paris in 1890 by a glass works."));
    Answerer.Answer a =
        answerer.answer("How do I reset a forgotten router password?", passages, t -> {});
    assertThat(a.abstained()).isTrue();
    assertThat(a.text()).startsWith(ExtractiveAnswerer.NOT_FOUND).contains("[1]").contains("[2]");
    assertThat(a.citations()).extracting(Citation::n).containsExactly(1, 2);
  }

  @Test
  void aQuestionNamingSomethingNoPassageMentionsIsNotAnswered() {
    List<Passage> passages =
        List.of(
            passage(
                1,
                "gc.auto: The default value is 6700. Setting it to 0 disables automatic packing."));
    assertThat(Names.in("What is the default of gc.maxLooseObjectAge in GitHub?"))
        .containsExactly("gc.maxlooseobjectage", "github");
    assertThat(
            answerer
                .answer("What is the default value of gc.maxLooseObjectAge?", passages, t -> {})
                .abstained())
        .isTrue();
    assertThat(answerer.answer("How do I set this up on GitHub?", passages, t -> {}).abstained())
        .isTrue();
    Answerer.Answer known =
        answerer.answer("What is the default value of gc.auto?", passages, t -> {});
    assertThat(known.abstained()).isFalse();
    assertThat(known.text()).contains("6700");
  }

  @Test
  void noPassagesAbstainWithoutCitations() {
    Answerer.Answer a = answerer.answer("Anything?", List.of(), t -> {});
    assertThat(a.abstained()).isTrue();
    assertThat(a.citations()).isEmpty();
  }

  @Test
  void aTranscriptSentenceIsCitedWithItsOwnCueTimes() {
    String text =
        "Welcome to the show. Today we talk about bees. The queen lays two thousand eggs a day.";
    int third = text.indexOf("The queen");
    Map<String, Object> meta =
        Map.of(
            "startSeconds",
            1.0,
            "endSeconds",
            157.0,
            "cues",
            List.of(
                List.of(0, 20, 1.0, 4.0),
                List.of(21, third - 1, 4.0, 9.5),
                List.of(third, text.length(), 62.0, 66.5)));
    Passage p =
        new Passage(
            1, UUID.randomUUID(), UUID.randomUUID(), "Bees", null, "bees.vtt", text, meta, 1.0);
    Answerer.Answer a =
        answerer.answer("How many eggs does the queen lay a day?", List.of(p), t -> {});
    Citation c = a.citations().get(0);
    assertThat(c.startSeconds()).isEqualTo(62.0);
    assertThat(c.endSeconds()).isEqualTo(66.5);
    assertThat(c.fileName()).isEqualTo("bees.vtt");
  }

  @Test
  void aCitationNamesItsPageAndNearestHeading() {
    Passage p =
        new Passage(
            1,
            UUID.randomUUID(),
            UUID.randomUUID(),
            "Manual",
            null,
            "manual.pdf",
            "The pump must be primed before first use.",
            Map.of("page", 2, "headingPath", List.of("Setup", "Priming")),
            1.0);
    Citation c =
        answerer
            .answer("Must the pump be primed before use?", List.of(p), t -> {})
            .citations()
            .get(0);
    assertThat(c.page()).isEqualTo(2);
    assertThat(c.section()).isEqualTo("Priming");
  }

  @Test
  void aSentenceThatIntroducesACommandIsShownWithIt() {
    Passage p =
        passage(
            1,
            "After a bisect session, to clean up the bisection state and return to the original HEAD, "
                + "issue the following command:\n\n$ git bisect reset\n\nBy default this returns to the original branch.");
    Answerer.Answer a =
        answerer.answer("How do I clean up after a bisect session?", List.of(p), t -> {});
    assertThat(a.text())
        .startsWith("After a bisect session")
        .contains("issue the following command: $ git bisect reset [1]");
    Citation c = a.citations().get(0);
    assertThat(p.text().substring(c.snippetStart(), c.snippetEnd())).endsWith("$ git bisect reset");
  }

  @Test
  void answerTypesAreReadFromTheQuestion() {
    assertThat(AnswerType.of("What is the default value of gc.auto?"))
        .isEqualTo(AnswerType.DEFAULT);
    assertThat(AnswerType.of("Which port does it use if I do not pass --port?"))
        .isEqualTo(AnswerType.DEFAULT);
    assertThat(AnswerType.of("How many packs trigger a repack?")).isEqualTo(AnswerType.QUANTITY);
    assertThat(AnswerType.of("Which version introduced sparse checkout?"))
        .isEqualTo(AnswerType.VERSION);
    assertThat(AnswerType.of("How do I undo the last commit?")).isEqualTo(AnswerType.PROCEDURE);
    assertThat(AnswerType.of("What does git rerere do?")).isEqualTo(AnswerType.DEFINITION);
    assertThat(AnswerType.of("Why would I rebase instead of merging?")).isEqualTo(AnswerType.OTHER);
    assertThat(AnswerType.DEFAULT.fits("Defaults to 10.")).isTrue();
    assertThat(AnswerType.QUANTITY.fits("It keeps 50 packs.")).isTrue();
    assertThat(AnswerType.QUANTITY.fits("It packs loose objects, see git-gc(1).")).isFalse();
  }
}
