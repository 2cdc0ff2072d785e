package dev.minirag.ask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.common.ApiException;
import dev.minirag.testing.LocalChatModel;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A model that keeps streaming slowly is cut off at the answer's total deadline, not left to run.
 */
class ChatDeadlineIT {

  @RegisterExtension static final LocalChatModel MODEL = new LocalChatModel();

  @Test
  void aSlowStreamEndsAtTheTotalDeadlineWith504() {
    MODEL.reply(Collections.nCopies(40, "word ").toArray(String[]::new));
    MODEL.pauseBetweenTokens(200); // 8 s of streaming, each token well inside any read timeout
    ChatAnswerer answerer =
        new ChatAnswerer(new ObjectMapper(), MODEL.baseUrl(), "local", "", Duration.ofSeconds(1));
    List<Passage> passages =
        List.of(
            new Passage(
                1,
                java.util.UUID.randomUUID(),
                java.util.UUID.randomUUID(),
                "Bees",
                null,
                null,
                "Bees keep the brood warm.",
                java.util.Map.of(),
                1.0));
    long started = System.nanoTime();
    ApiException e =
        catchThrowableOfType(
            ApiException.class, () -> answerer.answer("How warm?", passages, t -> {}));
    double seconds = (System.nanoTime() - started) / 1e9;
    assertThat(e.status()).isEqualTo(504);
    assertThat(e.getMessage()).contains("within 1 s");
    assertThat(seconds).isLessThan(4.0);
  }
}
