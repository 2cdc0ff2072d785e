package dev.minirag.ask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.embedding.TestEmbedders;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A FAQ in the documents answers the same question asked in other words, with a real model. */
class FaqAnswerTest {

  private static final String FAQ =
      "How do I configure a different editor?\n\n"
          + "Git uses the editor named in core.editor. It falls back to the EDITOR variable.\n\n"
          + "How do I change the password I have saved in my credential manager?\n\n"
          + "Usually Git erases a password that is rejected and prompts for a new one. That does"
          + " not always happen. To change it, erase the saved credentials; Git then prompts"
          + " again.\n\n"
          + "Why is my file always modified?\n\n"
          + "A clean filter may be changing it.";

  private static final String PASSWORD_QUESTION =
      "How can I update a password that my credential manager stored?";

  /** The answer over the FAQ with these settings and the real MiniLM model. */
  private static String answer(String settings, String question) {
    // The default threshold is set for the default model (bge-small); MiniLM's scale is lower.
    ExtractiveAnswerer answerer =
        new ExtractiveAnswerer(
            ExtractiveAnswerer.Settings.defaults(3, 800).with(settings), TestEmbedders.miniLmQ());
    Passage faq =
        new Passage(
            1, UUID.randomUUID(), UUID.randomUUID(), "FAQ", null, "faq.md", FAQ, Map.of(), 1.0);
    return answerer.answer(question, List.of(faq), t -> {}).text();
  }

  @Test
  void theFaqsOwnAnswerLeadsInItsOrderUnderItsQuestionShownOnce() {
    assertThat(answer("faq=0.8", PASSWORD_QUESTION))
        .startsWith(
            "How do I change the password I have saved in my credential manager? Usually Git"
                + " erases a password that is rejected and prompts for a new one. [1] That does"
                + " not always happen. [1] To change it, erase the saved credentials;")
        .containsOnlyOnce("credential manager?");
  }

  @Test
  void withoutTheFaqRuleTheSentencesComeInScoreOrder() {
    assertThat(answer("faq=0", PASSWORD_QUESTION))
        .doesNotStartWith(
            "How do I change the password I have saved in my credential manager? Usually");
  }

  @Test
  void aFaqAskingSomethingElseDoesNotLead() {
    assertThat(answer("faq=0.8", "Which editor does Git use for commit messages?"))
        .doesNotContain("password")
        .contains("core.editor");
  }
}
