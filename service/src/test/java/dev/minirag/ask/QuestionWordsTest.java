package dev.minirag.ask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.search.SearchFilters;
import dev.minirag.search.SearchRequest;
import org.junit.jupiter.api.Test;

class QuestionWordsTest {

  @Test
  void questionWordsAreLeftOutOfTheKeywordsWholeWordsOnly() {
    assertThat(QuestionWords.removedFrom("How do I force-push without losing what others pushed?"))
        .isEqualTo("force-push without losing others pushed?");
    // "Whichever", "doing" and "shallow" only start like a question word; "when" stays.
    assertThat(QuestionWords.removedFrom("Which doing is shallow when whichever?"))
        .isEqualTo("doing is shallow when whichever?");
    assertThat(QuestionWords.removedFrom("What do you do?")).isEqualTo("What do you do?");
  }

  @Test
  void theAskPathSearchesByMeaningAsAskedAndByKeywordsWithoutQuestionWords() {
    SearchRequest r = AskService.retrieval("What does git bundle do?", 8, SearchFilters.NONE);
    assertThat(r.query()).isEqualTo("What does git bundle do?");
    assertThat(r.keywords()).isEqualTo("git bundle ?");
    assertThat(r.k()).isEqualTo(8);
    assertThat(r.filters()).isEqualTo(SearchFilters.NONE);
  }
}
