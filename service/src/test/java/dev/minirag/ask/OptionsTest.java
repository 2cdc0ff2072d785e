package dev.minirag.ask;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which terms of a definition list are options or settings, and which option a question names. */
class OptionsTest {

  @Test
  void optionAndSettingTermsAreToldFromTopics() {
    assertThat(Options.isOption("--force-with-lease[=<refname>[:<expect>]]")).isTrue();
    assertThat(Options.isOption("-u[<mode>]")).isTrue();
    assertThat(Options.isOption("-D directory")).isTrue();
    assertThat(Options.isOption("core.editor")).isTrue();
    assertThat(Options.isOption("branch.<name>.remote")).isTrue();
    assertThat(Options.isOption("DESCRIPTION")).isFalse();
    assertThat(Options.isOption("Pattern format")).isFalse();
    assertThat(Options.isOption("e.g. this")).isFalse();
    assertThat(Options.isOption(null)).isFalse();
  }

  @Test
  void subcommandTermsAreOneWordAndTheirPlaceholders() {
    assertThat(Options.isSubcommand("add <path> [<commit-ish>]")).isTrue();
    assertThat(Options.isSubcommand("apply [--index] [-q|--quiet] [<stash>]")).isTrue();
    assertThat(Options.isSubcommand("prog stash apply [<stash>]")).as("a synopsis").isFalse();
    assertThat(Options.isSubcommand("Pattern format")).isFalse();
    assertThat(Options.isSubcommand("DESCRIPTION")).isFalse();
    assertThat(Options.isSubcommand(null)).isFalse();
  }

  @Test
  void aQuestionNamesItsOptionsAsWritten() {
    assertThat(Options.named("Which format does git log --pretty use without a value?"))
        .containsExactly("--pretty");
    assertThat(Options.named("If I run git init without -b, what is the branch called?"))
        .containsExactly("-b");
    assertThat(Options.named("What is the default of pack.windowMemory in a re-run?"))
        .containsExactly("pack.windowmemory");
    assertThat(Options.named("How do I undo a commit?")).isEmpty();
  }

  @Test
  void aTermNamesAnOptionOnlyAsAWholeAndWithItsCase() {
    assertThat(Options.names("--untracked-files[=<mode>]", List.of("--untracked-files"))).isTrue();
    assertThat(Options.names("-u[<mode>]", List.of("-u"))).isTrue();
    assertThat(Options.names("-u[<mode>]", List.of("-U"))).as("-u and -U differ").isFalse();
    assertThat(Options.names("--force-with-lease", List.of("--force"))).isFalse();
    assertThat(Options.names("pack.windowMemory", List.of("pack.windowmemory"))).isTrue();
    assertThat(Options.names("pack.window", List.of("pack.windowmemory"))).isFalse();
    assertThat(Options.names(null, List.of("-u"))).isFalse();
  }

  @Test
  void longInputIsReadInLinearTime() {
    String junk = "-".repeat(50_000) + "a".repeat(50_000) + ".";
    long t0 = System.nanoTime();
    Options.isOption(junk);
    Options.named(junk);
    Options.names(junk, List.of("--" + "a".repeat(1000)));
    assertThat((System.nanoTime() - t0) / 1e9).isLessThan(2.0);
  }

  @Test
  void aSettingStandsForTheOptionOfItsName() {
    assertThat(Options.optionFor("instaweb.httpd")).isEqualTo("--httpd");
    assertThat(Options.optionFor("fetch.writeCommitGraph")).isEqualTo("--write-commit-graph");
    assertThat(Options.optionFor("branch.<name>.remote")).isNull();
    assertThat(Options.optionFor("--httpd")).isNull();
    assertThat(Options.optionFor("DESCRIPTION")).isNull();
    assertThat(Options.optionFor(null)).isNull();
  }

  @Test
  void aQuestionNamesASubcommandAfterItsCommandsPageName() {
    String question = "What happens to the entries after git stash clear?";
    assertThat(Options.namesSubcommand(question, "git-stash(1)", "clear")).isTrue();
    assertThat(Options.namesSubcommand(question, "git-stash(1)", "drop")).isFalse();
    assertThat(Options.namesSubcommand(question, "git-worktree(1)", "clear")).isFalse();
    assertThat(Options.namesSubcommand(question, "Stash manual", "clear")).isFalse();
    assertThat(Options.namesSubcommand("Does git stash clear-all exist?", "git-stash(1)", "clear"))
        .isFalse();
  }
}
