package dev.minirag.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.minirag.ask.AnswerConfig;
import dev.minirag.auth.AuthConfig;
import dev.minirag.backup.BackupConfig;
import dev.minirag.billing.BillingConfig;
import dev.minirag.common.db.DatabaseConfig;
import dev.minirag.documents.IngestConfig;
import dev.minirag.embedding.EmbeddingConfig;
import dev.minirag.jobs.JobsConfig;
import dev.minirag.quota.LimitsConfig;
import dev.minirag.search.LuceneIndexConfig;
import dev.minirag.search.SearchConfig;
import dev.minirag.tracing.TracingConfig;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * The service's settings, one block per feature. config.yml documents every default; each block's
 * Java defaults are the same values (ConfigDefaultsTest), so a file that leaves a setting out
 * behaves as config.yml says.
 */
public class MiniRagConfiguration extends Configuration {

  @Valid @NotNull @JsonProperty private DatabaseConfig database = new DatabaseConfig();

  /** Apply pending Liquibase changeSets before serving (handy for containers; off by default). */
  @JsonProperty private boolean migrateOnStart = false;

  @Valid @NotNull @JsonProperty private SecurityConfig security = new SecurityConfig();

  @Valid @NotNull @JsonProperty private IngestConfig ingest = new IngestConfig();

  @Valid @NotNull @JsonProperty private JobsConfig jobs = new JobsConfig();

  @Valid @NotNull @JsonProperty private BackupConfig backup = new BackupConfig();

  @Valid @NotNull @JsonProperty private EmbeddingConfig embedding = new EmbeddingConfig();

  @Valid @NotNull @JsonProperty private LuceneIndexConfig index = new LuceneIndexConfig();

  @Valid @NotNull @JsonProperty private SearchConfig search = new SearchConfig();

  @Valid @NotNull @JsonProperty private AnswerConfig answer = new AnswerConfig();

  @Valid @NotNull @JsonProperty private LimitsConfig limits = new LimitsConfig();

  @Valid @NotNull @JsonProperty private BillingConfig billing = new BillingConfig();

  @Valid @NotNull @JsonProperty private AuthConfig auth = new AuthConfig();

  @Valid @NotNull @JsonProperty private TracingConfig tracing = new TracingConfig();

  public TracingConfig getTracing() {
    return tracing;
  }

  public DatabaseConfig getDatabase() {
    return database;
  }

  public boolean isMigrateOnStart() {
    return migrateOnStart;
  }

  public SecurityConfig getSecurity() {
    return security;
  }

  public IngestConfig getIngest() {
    return ingest;
  }

  public JobsConfig getJobs() {
    return jobs;
  }

  public BackupConfig getBackup() {
    return backup;
  }

  public EmbeddingConfig getEmbedding() {
    return embedding;
  }

  public LuceneIndexConfig getIndex() {
    return index;
  }

  public SearchConfig getSearch() {
    return search;
  }

  public AnswerConfig getAnswer() {
    return answer;
  }

  public LimitsConfig getLimits() {
    return limits;
  }

  public BillingConfig getBilling() {
    return billing;
  }

  public AuthConfig getAuth() {
    return auth;
  }
}
