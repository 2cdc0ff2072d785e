package dev.minirag.ask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
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
  void aComparingQuestionGetsASentenceForEachSide() {
    Passage p =
        passage(
            1,
            "-x\n\nDon't use the standard ignore rules, but still use the -e options. This allows"
                + " removing all untracked files, including build products. -x can be combined"
                + " with -n to preview what would be removed by the clean.\n\n-X\n\nRemove only files"
                + " ignored by Git.");
    String question = "With git clean, what is the difference between the -x and -X options?";
    ExtractiveAnswerer oneSided =
        new ExtractiveAnswerer(
            ExtractiveAnswerer.Settings.defaults(3, 800).without("sides+entry"), null);

    assertThat(oneSided.answer(question, List.of(p), t -> {}).text())
        .as("without the rule the lower-case option's sentences fill the answer")
        .doesNotContain("Remove only files ignored by Git.");
    assertThat(answerer.answer(question, List.of(p), t -> {}).text())
        .startsWith("-x")
        .contains(" [1] -X: Remove only files ignored by Git. [1]");
  }

  @Test
  void comparingQuestionsAreSplitIntoTheirSides() {
    ExtractiveAnswerer words = answerer;
    assertThat(
            Comparison.of(
                "What is the difference between git stash pop and git stash apply?", words::terms))
        .hasValueSatisfying(
            c -> {
              assertThat(c.first().terms()).containsExactly("pop");
              assertThat(c.second().terms()).containsExactly("appli");
            });
    assertThat(
            Comparison.of("How does git log --topo-order differ from --date-order?", words::terms))
        .hasValueSatisfying(
            c -> {
              assertThat(c.first().tokens()).containsExactly("--topo-order");
              assertThat(c.second().tokens()).containsExactly("--date-order");
            });
    assertThat(Comparison.of("What is the difference between HEAD~3 and HEAD^3?", words::terms))
        .hasValueSatisfying(c -> assertThat(c.first().tokens()).containsExactly("HEAD~3"));
    assertThat(
            Comparison.of(
                "Should I use git fetch or git pull? What is the difference?", words::terms))
        .isPresent();
    assertThat(Comparison.of("How do I undo a commit?", words::terms)).isEmpty();
    assertThat(Comparison.of("What is the difference between this and that?", words::terms))
        .as("sides made only of stop words cannot be told apart")
        .isEmpty();
  }

  @Test
  void aDefinitionLeadsWithTheLineThatSumsUpItsSubject() {
    Passage page =
        passage(
            1,
            "NAME\n\ngit-rerere - Reuse recorded resolution of conflicted merges\n\nDESCRIPTION\n\n"
                + "In a workflow employing relatively long lived topic branches, the developer"
                + " sometimes needs to resolve the same conflicts over and over again. As a"
                + " convenience measure, git merge automatically invokes git rerere upon exiting"
                + " with a failed automerge, and git rerere records the hand resolve.");
    Passage index =
        passage(2, "git - the stupid content tracker\n\ngit rerere is one of many commands.");
    String question = "What does git rerere do?";
    ExtractiveAnswerer noSummary =
        new ExtractiveAnswerer(
            ExtractiveAnswerer.Settings.defaults(3, 800).without("summary+qwords"), null);

    assertThat(noSummary.answer(question, List.of(page, index), t -> {}).abstained())
        .as("on words alone, counting \"what\" and \"does\", the question's words are too rare")
        .isTrue();
    assertThat(answerer.answer(question, List.of(page, index), t -> {}).text())
        .startsWith("git-rerere - Reuse recorded resolution of conflicted merges [1]")
        .doesNotContain("stupid content tracker");
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
    // A later sentence of the question starts capitalised too; "Mercurial" is still a name.
    assertThat(Names.in("Should I use git fetch or git pull? What is the difference to Mercurial?"))
        .containsExactly("mercurial");
    assertThat(
            answerer
                .answer("What is the default value of gc.maxLooseObjectAge?", passages, t -> {})
                .abstained())
        .isTrue();
    assertThat(answerer.answer("How do I set this up on GitHub?", passages, t -> {}).abstained())
        .isTrue();
    // A command of several words called so must be mentioned, in prose or as a page's name.
    assertThat(Names.in("Which version introduced the git undo command?"))
        .containsExactly("git undo");
    assertThat(
            answerer
                .answer(
                    "What does the git undo command do to automatic packing?", passages, t -> {})
                .abstained())
        .isTrue();
    List<Passage> page = List.of(passage(1, "git-gc - Cleanup unnecessary files and optimize"));
    assertThat(
            ExtractiveAnswerer.namesSomethingUnmentioned(
                "What does the git gc command clean up?", page))
        .isFalse();
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
    assertThat(AnswerType.of("Which protocol is used when I don\u2019t pass one?"))
        .isEqualTo(AnswerType.DEFAULT);
    assertThat(AnswerType.of("What happens to merges when I rebase without --rebase-merges?"))
        .isEqualTo(AnswerType.DEFAULT);
    assertThat(AnswerType.of("How many packs trigger a repack?")).isEqualTo(AnswerType.QUANTITY);
    assertThat(AnswerType.of("By default, how long can the file names be?"))
        .isEqualTo(AnswerType.QUANTITY);
    assertThat(AnswerType.of("Which version introduced sparse checkout?"))
        .isEqualTo(AnswerType.VERSION);
    assertThat(AnswerType.of("How do I undo the last commit?")).isEqualTo(AnswerType.PROCEDURE);
    assertThat(AnswerType.of("How do I limit my working tree to a few directories?"))
        .isEqualTo(AnswerType.PROCEDURE);
    assertThat(AnswerType.of("How do I see how much disk space the objects take?"))
        .isEqualTo(AnswerType.PROCEDURE);
    assertThat(AnswerType.of("What does git rerere do?")).isEqualTo(AnswerType.DEFINITION);
    assertThat(AnswerType.of("Why would I rebase instead of merging?")).isEqualTo(AnswerType.OTHER);
    assertThat(AnswerType.DEFAULT.fits("Defaults to 10.")).isTrue();
    assertThat(AnswerType.QUANTITY.fits("It keeps 50 packs.")).isTrue();
    assertThat(AnswerType.QUANTITY.fits("It packs loose objects, see git-gc(1).")).isFalse();
  }

  /** A guard against backtracking over a run of digits, not a timing (100 KB took 11 s before). */
  @Test
  void aVersionSentenceIsFoundWithoutBacktrackingOverLongRunsOfDigits() {
    assertThat(AnswerType.VERSION.fits("It was added in 2.35 of the tool.")).isTrue();
    assertThat(AnswerType.VERSION.fits("Release 12345.6789 changed it.")).isTrue();
    String digits = "1".repeat(200_000) + " is a long number";
    assertThat(
            assertTimeoutPreemptively(
                Duration.ofSeconds(10), () -> AnswerType.VERSION.fits(digits)))
        .isFalse();
  }

  @Test
  void aQuestionAboutWhatHappensIfNothingIsGivenAsksForADefault() {
    assertThat(AnswerType.of("How are log entries grouped if no --group option is given?"))
        .isEqualTo(AnswerType.DEFAULT);
    assertThat(AnswerType.of("What line width does it wrap to unless I pass a width?"))
        .isEqualTo(AnswerType.DEFAULT);
  }

  @Test
  void numericSettingsCanBeChangedForMeasuringThem() {
    ExtractiveAnswerer.Settings d = ExtractiveAnswerer.Settings.defaults(3, 800);
    ExtractiveAnswerer.Settings w = d.with("passages=8+dense=0.5");
    assertThat(w.passages()).isEqualTo(8);
    assertThat(w.dense()).isEqualTo(0.5);
    assertThat(w.embedded()).isEqualTo(d.embedded());
    assertThatThrownBy(() -> d.with("passage=8"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("passages");
    assertThatThrownBy(() -> d.with("dense=-1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.with("dense=x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void answerTypesDoNotDependOnOneProductsWording() {
    assertThat(AnswerType.of("Which postgres version added the setting?"))
        .isEqualTo(AnswerType.VERSION);
    assertThat(AnswerType.PROCEDURE.fits("Use pg_dump to back up one database.")).isTrue();
    // A command's name alone is not a procedure: "git stash saves changes" describes, like any
    // other sentence naming a program.
    assertThat(AnswerType.PROCEDURE.fits("git stash saves your local changes away.")).isFalse();
  }

  @Test
  void theQuestionsOwnWordingIsNotATermToCover() {
    Passage forum = passage(1, "Forum\n\nYou can ask how I do this in the forum, and we answer.");
    Passage lamps =
        passage(2, "Lamps\n\nTo make the lamp blink, hold its switch for three seconds.");
    String question = "How do I make the lamp blink?";

    assertThat(without("qwords").answer(question, List.of(forum, lamps), t -> {}).text())
        .as("without the rule \"how do I\" counts as rare words the forum sentence covers")
        .startsWith("You can ask how I do this");
    Answerer.Answer a = answerer.answer(question, List.of(forum, lamps), t -> {});
    assertThat(a.text()).startsWith("To make the lamp blink, hold its switch");
    assertThat(a.support()).isEqualTo(1.0);
  }

  @Test
  void anEntryIsTheSidesOwnTermNotAnotherOptionSharingItsWord() {
    Comparison words =
        Comparison.of("Should I use git fetch or git pull?", answerer::terms).orElseThrow();
    assertThat(Comparison.isEntryOf(words.first(), "fetch <remote>", answerer::terms)).isTrue();
    assertThat(Comparison.isEntryOf(words.first(), "-N, --no-fetch", answerer::terms)).isFalse();
    Comparison options =
        Comparison.of("How is --force-with-lease safer than a plain --force push?", answerer::terms)
            .orElseThrow();
    assertThat(Comparison.isEntryOf(options.first(), "--[no-]force-with-lease", answerer::terms))
        .isTrue();
    assertThat(Comparison.isEntryOf(options.second(), "-f, --force", answerer::terms)).isTrue();
    assertThat(Comparison.isEntryOf(options.second(), "--force-with-lease", answerer::terms))
        .isFalse();
  }

  @Test
  void eachSideOfAComparisonIsAnsweredByItsOwnEntry() {
    Passage p =
        passage(
            1,
            "Stashes\n\nThe difference between git stash pop and apply is small, since apply and"
                + " pop both restore the changes of a stash.\n\npop [<stash>]\n\nRemove a"
                + " single stash entry and apply it on top of the current tree.\n\napply"
                + " [<stash>]\n\nLike pop, but do not remove the state from the stash.");
    String question = "What is the difference between git stash pop and git stash apply?";

    assertThat(without("entry").answer(question, List.of(p), t -> {}).text())
        .as("without the rule the remark naming both sides leads")
        .startsWith("The difference between git stash pop and apply is small");
    assertThat(answerer.answer(question, List.of(p), t -> {}).text())
        .startsWith(
            "pop [<stash>]: Remove a single stash entry and apply it on top of the current tree."
                + " [1] apply [<stash>]: Like pop, but do not remove the state from the stash.");
  }

  private static ExtractiveAnswerer without(String signal) {
    return new ExtractiveAnswerer(
        ExtractiveAnswerer.Settings.defaults(3, 800).without(signal), null);
  }

  @Test
  void aHowToQuestionIsAnsweredByTheOptionThatDoesItShownWithItsTerm() {
    Passage p =
        passage(
            1,
            "Pushing\n\nA plain push overwrites the remote branch, and commits that others pushed"
                + " in the meantime would be lost.\n\n--force-with-lease\n\nRefuse to push when"
                + " commits that others pushed in the meantime would be lost.");
    String question =
        "Which option refuses a push when commits others pushed in the meantime would be lost?";

    assertThat(without("option").answer(question, List.of(p), t -> {}).text())
        .as("without the rule the answer does not name the option")
        .startsWith("Refuse to push when")
        .doesNotContain("--force-with-lease");
    assertThat(answerer.answer(question, List.of(p), t -> {}).text())
        .startsWith("--force-with-lease: Refuse to push when commits that others pushed");
  }

  @Test
  void aQuestionNamingAnOptionIsAnsweredFromThatOptionsEntry() {
    Passage p =
        passage(
            1,
            "Formatting\n\nWhen the pretty format is omitted from the configuration, the format of"
                + " --oneline is used.\n\n--pretty[=<format>]\n\nPrint the commits in the given"
                + " format. When the format is omitted, it is medium.");
    String question = "Which format does --pretty use when the format is omitted?";

    assertThat(without("named").answer(question, List.of(p), t -> {}).text())
        .as("without the rule the general remark repeating the question's words leads")
        .startsWith("When the pretty format is omitted from the configuration");
    assertThat(answerer.answer(question, List.of(p), t -> {}).text())
        .startsWith("--pretty[=<format>]: When the format is omitted, it is medium. [1]");
  }

  /** The answer's text to {@code question} over one passage holding {@code text}. */
  private String answerOver(String question, String text) {
    return answerer.answer(question, List.of(passage(1, text)), t -> {}).text();
  }

  @Test
  void aDefaultStatedFurtherDownTheOptionsEntryCompletesTheAnswer() {
    String text =
        "-u[<mode>], --untracked-files[=<mode>]\n\nShow untracked files. The mode given to"
            + " --untracked-files selects which untracked files are shown.\n\nWhen the mode is"
            + " not given, untracked files are still listed so that new files are not"
            + " forgotten. A mode value given must be no, normal or all.\n\nIt is optional:"
            + " it defaults to all.";
    assertThat(
            answerOver(
                "Which mode does --untracked-files use when it is given without a value?", text))
        .contains("it defaults to all. [1]");
  }

  @Test
  void aHowToQuestionPrefersTheSentenceThatIntroducesTheCommand() {
    String text =
        "Running this command creates the target directory of the virtual environment.\n\n"
            + "A virtual environment is created by executing the venv module:\n\n"
            + "python -m venv /path/to/new/environment\n\n"
            + "It contains a copy of the interpreter.";
    assertThat(answerOver("How do I create a virtual environment?", text))
        .startsWith(
            "A virtual environment is created by executing the venv module:"
                + " python -m venv /path/to/new/environment [1]");
  }

  @Test
  void aDefaultAskedAsANumberIsAnsweredWithTheNumber() {
    String text =
        "By default, output file names are taken from the subject line of each commit."
            + " Names longer than the standard 64 bytes are chomped.";
    assertThat(answerOver("By default, how long can output file names be?", text))
        .contains("standard 64 bytes");
  }

  @Test
  void sentencesFollowingEachOtherUnderOneTermShowTheTermOnce() {
    String text =
        "pack.window\n\nThe size of the delta search range. Defaults to 10. Higher values use"
            + " more memory.";
    assertThat(answerOver("What is the default pack.window?", text))
        .startsWith("pack.window: Defaults to 10. [1]")
        .containsOnlyOnce("pack.window");
  }

  @Test
  void whatIsXIsAnsweredByTheEntryWhoseTermIsXNotByAHeadingAboutIt() {
    Passage heading =
        passage(
            1,
            "Dangling objects\n\nThe fsck command will sometimes complain about dangling"
                + " objects. Dangling objects are not a problem.");
    Passage glossary =
        passage(
            2,
            "dangling object\n\nAn unreachable object which is not reachable even from other"
                + " unreachable objects.\n\ndetached HEAD\n\nNormally the HEAD stores the name of"
                + " a branch.");
    String question = "What is a dangling object?";
    assertThat(answerer.answer(question, List.of(heading, glossary), t -> {}).text())
        .startsWith(
            "dangling object: An unreachable object which is not reachable even from other"
                + " unreachable objects. [2]");
    ExtractiveAnswerer withoutEntries =
        new ExtractiveAnswerer(
            ExtractiveAnswerer.Settings.defaults(3, 800).without("summary"), null);
    assertThat(withoutEntries.answer(question, List.of(heading, glossary), t -> {}).text())
        .doesNotStartWith("dangling object: An unreachable object");
  }

  @Test
  void aSettingsDefaultStatedUnderItsOptionOnTheCommandsPageCompletesTheAnswer() {
    Passage config =
        passage(
            1,
            "web.daemon\n\nThe HTTP daemon command line to start the web viewer with."
                + "\n\nweb.modulePath\n\nThe default module path for the viewer to use.");
    Passage command =
        passage(
            2,
            "-p, --port\n\nThe port to bind to.\n\n-d, --daemon\n\nThe HTTP daemon command line"
                + " that will be executed. (Default: lighttpd)");
    String answer =
        answerer
            .answer(
                "Which HTTP daemon does the web viewer start if none is configured?",
                List.of(config, command),
                t -> {})
            .text();
    assertThat(answer)
        .startsWith("The HTTP daemon command line to start the web viewer with. [1]")
        .contains("-d, --daemon: (Default: lighttpd) [2]");
  }

  @Test
  void aCommandShownWithTheSentenceIntroducingItIsNotQuotedAgain() {
    String text =
        "To set the git config cache timeout to an hour, run:\n\n"
            + "$ git config credential.helper 'cache --timeout=3600'\n\n"
            + "The daemon exits when the cache is empty.";
    assertThat(answerOver("How do I run git config credential.helper with a cache timeout?", text))
        .isEqualTo(
            "To set the git config cache timeout to an hour, run: $ git config credential.helper"
                + " 'cache --timeout=3600' [1]");
  }

  @Test
  void aQuestionNamingASubcommandIsAnsweredFromThatSubcommandsEntry() {
    Passage page =
        new Passage(
            1,
            UUID.randomUUID(),
            UUID.randomUUID(),
            "git-stash(1)",
            null,
            "git-stash.html",
            "drop [-q|--quiet] [<stash>]\n\nRemove a single stash entry from the list of stash"
                + " entries.\n\nclear\n\nRemove all the stash entries. Note that those entries"
                + " will then be subject to pruning, and may be impossible to recover.",
            Map.of(),
            1.0);
    Passage faq =
        passage(
            2,
            "If you mistakenly drop or clear stash entries, they cannot be recovered through the"
                + " normal safety mechanisms.");
    assertThat(
            answerer
                .answer(
                    "What happens to the stash entries after git stash clear? Can they be"
                        + " recovered?",
                    List.of(page, faq),
                    t -> {})
                .text())
        .startsWith(
            "clear: Note that those entries will then be subject to pruning, and may be"
                + " impossible to recover. [1]");
  }

  @Test
  void aSentenceReferringBackIsShownWithTheOneBeforeIt() {
    String text =
        "--diff-algorithm=<algorithm>\n\nChoose a diff algorithm. The variants are as follows."
            + "\n\nmyers\n\nThe basic greedy diff algorithm. Currently, this is the default."
            + "\n\npatience\n\nUse the patience diff algorithm when generating patches.";
    assertThat(answerOver("Which diff algorithm is used by default?", text))
        .startsWith("The basic greedy diff algorithm. Currently, this is the default. [1]");
  }
}
