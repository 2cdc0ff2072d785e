package dev.minirag.ask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentencesTest {

  /** What an answer may quote of {@code text}. */
  private static List<String> quotable(String text) {
    return Sentences.split(text).stream()
        .filter(Sentences.Sentence::quotable)
        .map(Sentences.Sentence::display)
        .toList();
  }

  @Test
  void headingsAreLabelsNotSentencesAndNeverGlueToTheNextLine() {
    String text =
        "# Harbour Tower\n\nThe tower was built in 1891 of local granite.\n\n## Automation\n"
            + "The light was automated in 1978. Keepers left the island a year later.";
    List<Sentences.Sentence> s = Sentences.split(text);
    assertThat(s)
        .extracting(Sentences.Sentence::display)
        .containsExactly(
            "The tower was built in 1891 of local granite.",
            "The light was automated in 1978.",
            "Keepers left the island a year later.");
    assertThat(s)
        .extracting(Sentences.Sentence::label)
        .containsExactly("Harbour Tower", "Automation", "Automation");
    for (Sentences.Sentence x : s) {
      assertThat(text.substring(x.start(), x.end())).isEqualTo(x.display());
    }
  }

  @Test
  void aHeadingsClosingHashesGoAndALongHeadingIsCutToALabel() {
    List<Sentences.Sentence> s =
        Sentences.split("## Automation ##  \nThe light was automated in 1978.");
    assertThat(s).extracting(Sentences.Sentence::label).containsExactly("Automation");
    String heading = "# " + "harbour ".repeat(100);
    s = Sentences.split(heading + "\nThe light was automated in 1978.");
    assertThat(s.get(0).label()).hasSizeLessThanOrEqualTo(300).startsWith("harbour harbour");
  }

  /**
   * Not a timing of the splitter: a guard against backtracking that grows with the square of a run
   * (100 KB of '#' took 95 s with the closing-hashes pattern as it was, milliseconds now).
   */
  @Test
  void aLongRunOfHashesInAHeadingDoesNotBacktrack() {
    String heading = "# " + "#".repeat(100_000) + "x";
    List<Sentences.Sentence> s =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () -> Sentences.split(heading + "\nThe light was automated in 1978."));
    assertThat(s)
        .extracting(Sentences.Sentence::display)
        .containsExactly("The light was automated in 1978.");
    assertThat(s.get(0).label()).hasSize(300);
  }

  @Test
  void aFencedCodeBlockIsNeverQuotedNorItsFences() {
    String text =
        "## Ask\n\nRun these in a second terminal:\n```sh\nWS=$(mr workspaces create)\n"
            + "curl -d '{\"question\": \"How do I rebuild the index?\"}' http://host/ask\n```\n\n"
            + "The answer cites the passages it quotes.";
    List<Sentences.Sentence> s = Sentences.split(text);
    assertThat(quotable(text))
        .containsExactly(
            "Run these in a second terminal:", "The answer cites the passages it quotes.");
    assertThat(s).extracting(Sentences.Sentence::display).noneMatch(d -> d.contains("```"));
    // What the colon introduces is still there to be shown after it.
    assertThat(s.get(1).display()).startsWith("WS=$(mr workspaces create)");
  }

  @Test
  void aPassageStartingInsideACodeBlockKeepsItsCodeUnquoted() {
    String text =
        "  --name quickstart --scopes read,write config.yml\ncurl -s http://127.0.0.1:8080/api\n```\n\n"
            + "The answer is JSON with numbered markers.\n\n```sh\nbin/run\n";
    assertThat(quotable(text)).containsExactly("The answer is JSON with numbered markers.");
  }

  @Test
  void proseNamingAMarkerMadeOfRepeatedSymbolsIsQuotable() {
    String text =
        "The default is \"merge\", which shows a <<<<<<< conflict marker, a ======= marker,"
            + " and then a >>>>>>> marker.";
    assertThat(quotable(text)).containsExactly(text);
    assertThat(quotable("git stash drop [-q | --quiet] [<stash>] [--index] [<n>]")).isEmpty();
  }

  @Test
  void aConfigurationFileExampleIsCode() {
    String text =
        "Conditional includes look like this:\n\n"
            + "; include if $GIT_DIR is /path/to/foo/.git\n[includeIf \"gitdir:/path/to/foo/.git\"]\n"
            + "path = /path/to/foo.inc\n\nThe include is skipped when the condition fails.";
    assertThat(quotable(text))
        .containsExactly(
            "Conditional includes look like this:",
            "The include is skipped when the condition fails.");
  }

  @Test
  void listItemsAndTableRowsAreSeparateAndLoseTheirMarkup() {
    String text =
        "Steps:\n- Open the **valve** slowly\n- Check the `gauge` reads zero\n\n"
            + "| Setting | Default |\n|---|---|\n| timeout | 30 seconds |\n| retries | 5 attempts |";
    assertThat(quotable(text))
        .containsExactly(
            "Open the valve slowly",
            "Check the gauge reads zero",
            "Setting, Default",
            "timeout, 30 seconds",
            "retries, 5 attempts");
  }

  @Test
  void aShortTermLineAboveAParagraphLabelsItsSentences() {
    String text =
        "gc.auto\n\nWhen there are more loose objects than this, gc packs them. The default value is 6700.\n\n"
            + "gc.autoDetach\n\nMake gc return immediately. Default is true.";
    List<Sentences.Sentence> s = Sentences.split(text);
    assertThat(s)
        .extracting(Sentences.Sentence::label)
        .containsExactly("gc.auto", "gc.auto", "gc.autoDetach", "gc.autoDetach");
    assertThat(s.get(1).display()).isEqualTo("The default value is 6700.");
    assertThat(s.get(0).paragraph())
        .isEqualTo(s.get(1).paragraph())
        .isNotEqualTo(s.get(2).paragraph());
  }

  @Test
  void synopsesQuestionsAndFragmentsAreKeptButNotQuotable() {
    String text =
        "git stash drop [-q | --quiet] [<stash>] git stash pop [--index] [<stash>]\n\n"
            + "How do I change a saved password?\n\nRun the reject command first. Then store the new one.\n\n"
            + "To clean up, issue the following command:\n\n$ git bisect reset";
    List<Sentences.Sentence> s = Sentences.split(text);
    assertThat(s.get(0).quotable()).isFalse();
    assertThat(s.get(1).display()).isEqualTo("Run the reject command first.");
    assertThat(s.get(1).label()).isEqualTo("How do I change a saved password?");
    Sentences.Sentence intro = s.get(3);
    assertThat(intro.introduces()).isTrue();
    assertThat(s.get(4).display()).isEqualTo("$ git bisect reset");
  }

  @Test
  void aCommandsOneLineDescriptionIsAStatementNotALabel() {
    List<Sentences.Sentence> s =
        Sentences.split(
            "NAME\n\ngit-rerere - Reuse recorded resolution of conflicted merges\n\nSYNOPSIS\n\ngit rerere");
    assertThat(s.get(0).display())
        .isEqualTo("git-rerere - Reuse recorded resolution of conflicted merges");
    assertThat(s.get(0).quotable()).isTrue();
    assertThat(s.get(0).label()).isEqualTo("NAME");
  }

  @Test
  void placeholdersInAngleBracketsAreNotTags() {
    assertThat(Sentences.clean("Resets the head to <commit>, see <b>modes</b>."))
        .isEqualTo("Resets the head to <commit>, see modes .");
  }

  @Test
  void linksImagesAndTagsKeepOnlyTheirText() {
    assertThat(
            Sentences.clean(
                "See <b>the</b> [install guide](https://x/y) and ![a diagram](d.png) now"))
        .isEqualTo("See the install guide and a diagram now");
  }

  @Test
  void aLongLineOfMarkupCharactersIsSplitInLinearTime() {
    String text =
        "-".repeat(200_000)
            + "x\n"
            + "|".repeat(100_000)
            + "\n"
            + "[".repeat(100_000)
            + "("
            + ")".repeat(100_000);
    // Not a speed test: a quadratic scan of these 500k characters takes hours, a linear one well
    // under a second; the bound is loose so a loaded machine cannot fail it, and the work is
    // stopped when it runs out.
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(60), () -> Sentences.split(text));
  }

  @Test
  void anOptionTermWithPlaceholdersLabelsItsDescriptionTogetherWithItsAliases() {
    String text =
        "OPTIONS\n\n-b <branch-name>\n\n--initial-branch=<branch-name>\n\n"
            + "Use the given name for the initial branch.\n\n-q\n\n--quiet\n\n"
            + "Only print error messages.\n\ngit init [-q] [--bare] [<directory>]";
    List<Sentences.Sentence> s = Sentences.split(text);
    assertThat(s)
        .filteredOn(Sentences.Sentence::quotable)
        .extracting(Sentences.Sentence::label)
        .containsExactly("-b <branch-name>, --initial-branch=<branch-name>", "-q, --quiet");
    assertThat(s.get(s.size() - 1).quotable()).as("a synopsis is still not quoted").isFalse();

    List<Sentences.Sentence> before = Sentences.split(text, false, true);
    assertThat(before)
        .filteredOn(Sentences.Sentence::quotable)
        .extracting(Sentences.Sentence::label)
        .as("without the rule the term looks like code and the heading above labels it")
        .containsExactly("OPTIONS", "--quiet");
  }

  @Test
  void aSubcommandsTermWithPlaceholdersLabelsItsDescription() {
    String text =
        "COMMANDS\n\nadd <path> [<commit-ish>]\n\nCreate <path> and check out <commit-ish> into"
            + " it.\n\nprog worktree add [-f] <path>";
    List<Sentences.Sentence> s = Sentences.split(text);
    assertThat(s)
        .filteredOn(Sentences.Sentence::quotable)
        .extracting(Sentences.Sentence::label)
        .containsExactly("add <path> [<commit-ish>]");
    assertThat(s.get(s.size() - 1).quotable()).as("a synopsis is still not quoted").isFalse();
    assertThat(Sentences.split(text, true, false))
        .filteredOn(Sentences.Sentence::quotable)
        .extracting(Sentences.Sentence::label)
        .as("without the rule the term looks like code and the heading above labels it")
        .containsExactly("COMMANDS");
  }

  @Test
  void codeAndInterpreterSessionsAreNotQuotedButShellCommandsStay() {
    String text =
        "Give the call a timeout like this:\n\nproc = subprocess.Popen(args)\ntry:\n    outs = proc.communicate(timeout=15)\n"
            + "except TimeoutExpired:\n    proc.kill()\n\n"
            + ">>> import sys\n>>> sys.set_int_max_str_digits(4300)  # this is the default value\n\n"
            + "The limit can be raised at run time by the program itself.\n\n"
            + "Set it for one hour (this example raises the timeout):\n"
            + "$ git config credential.helper 'cache --timeout=3600'";
    assertThat(Sentences.split(text))
        .filteredOn(Sentences.Sentence::quotable)
        .extracting(Sentences.Sentence::display)
        .containsExactly(
            "Give the call a timeout like this:",
            "The limit can be raised at run time by the program itself.",
            "Set it for one hour (this example raises the timeout): $ git config credential.helper"
                + " 'cache --timeout=3600'");
  }

  @Test
  void anApiEntrysTermLabelsItsDescriptionEvenAfterAnIntroducingSentence() {
    String text =
        "The module defines the following functions:\n\n@functools.cache(user_function)\u00b6\n\n"
            + "Simple lightweight unbounded function cache.\n\npickle.DEFAULT_PROTOCOL\n\n"
            + "An integer, the default protocol version used for pickling.";
    List<Sentences.Sentence> s = Sentences.split(text);
    assertThat(s)
        .filteredOn(Sentences.Sentence::quotable)
        .extracting(Sentences.Sentence::label)
        .containsExactly(null, "@functools.cache(user_function)", "pickle.DEFAULT_PROTOCOL");
    assertThat(Options.isApiName("class textwrap.TextWrapper(**kwargs)")).isTrue();
    assertThat(Options.isApiName("Pattern format")).isFalse();
    assertThat(Options.isApiName("width")).as("one plain word is a topic, not a name").isFalse();
  }

  @Test
  void thePermalinkSignAfterHeadingsIsNotShown() {
    assertThat(Sentences.clean("Creating virtual environments\u00b6"))
        .isEqualTo("Creating virtual environments");
  }
}
