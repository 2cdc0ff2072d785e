package dev.minirag.ask;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Command lines a "how do I" answer may quote: synopsis and prompt lines, chosen by the terms. */
class CommandsTest {

  private static final UUID PAGE = UUID.randomUUID();

  private static Passage passage(int n, String text) {
    return new Passage(
        n, UUID.randomUUID(), PAGE, "tool-archive", null, "tool-archive.html", text, Map.of(), 1);
  }

  private static final String MANUAL =
      "SYNOPSIS\n\n"
          + "tool archive create [-q] [--level <n>] <file> <dir>...\n"
          + "tool archive list [-v] <file>\n\n"
          + "DESCRIPTION\n\n"
          + "Archives are single files that hold many directories. They can be moved to a machine"
          + " without network access and unpacked there.\n\n"
          + "EXAMPLES\n\n"
          + "$ tool archive list backup.tar\n";

  @Test
  void synopsisAndPromptLinesAreCommandsProseIsNot() {
    assertThat(Commands.in(passage(1, MANUAL)))
        .extracting(Commands.Line::display)
        .containsExactly(
            "tool archive create [-q] [--level <n>] <file> <dir>...",
            "tool archive list [-v] <file>",
            "tool archive list backup.tar");
  }

  @Test
  void aHowToAnswerQuotesTheCommandLineNamingTheQuestionsTerms() {
    ExtractiveAnswerer answerer =
        new ExtractiveAnswerer(ExtractiveAnswerer.Settings.defaults(3, 800), null);
    String question =
        "How do I create an archive of directories to move to a machine without network?";
    Answerer.Answer a = answerer.answer(question, List.of(passage(1, MANUAL)), t -> {});
    assertThat(a.text())
        .startsWith("They can be moved to a machine without network access and unpacked there. [1]")
        .contains("tool archive create [-q] [--level <n>] <file> <dir>... [1]");
    Citation c = a.citations().get(0);
    assertThat(MANUAL.substring(c.snippetStart(), c.snippetEnd())).startsWith("They can be moved");

    ExtractiveAnswerer without =
        new ExtractiveAnswerer(
            ExtractiveAnswerer.Settings.defaults(3, 800).without("command"), null);
    assertThat(without.answer(question, List.of(passage(1, MANUAL)), t -> {}).text())
        .doesNotContain("tool archive create");
  }

  @Test
  void aLineSharingOneTermOnlyIsNotQuoted() {
    List<Commands.Line> lines = Commands.in(passage(1, MANUAL));
    ExtractiveAnswerer answerer =
        new ExtractiveAnswerer(ExtractiveAnswerer.Settings.defaults(3, 800), null);
    assertThat(Commands.best(lines, answerer.terms("list everything"), Map.of(), answerer::terms))
        .isNull();
    assertThat(
            Commands.best(lines, answerer.terms("list archive"), Map.of(), answerer::terms)
                .display())
        .isEqualTo("tool archive list [-v] <file>");
  }
}
