package dev.minirag.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.minirag.backup.BackupConfig;
import dev.minirag.billing.BillingConfig;
import dev.minirag.documents.IngestConfig;
import dev.minirag.embedding.EmbeddingConfig;
import dev.minirag.jobs.JobsConfig;
import dev.minirag.quota.LimitsConfig;
import dev.minirag.search.LuceneIndexConfig;
import dev.minirag.search.SearchConfig;
import dev.minirag.tracing.TracingConfig;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

public class MiniRagConfiguration extends Configuration {

  @Valid @NotNull private DataSourceFactory database = new DataSourceFactory();

  @Valid @NotNull private SecurityConfig security = new SecurityConfig();

  @Valid @NotNull @JsonProperty private IngestConfig ingest = new IngestConfig();
  @Valid @NotNull @JsonProperty private JobsConfig jobs = new JobsConfig();

  @Valid @NotNull @JsonProperty private EmbeddingConfig embedding = new EmbeddingConfig();

  @Valid @NotNull @JsonProperty
  private LuceneIndexConfig index = LuceneIndexConfig.at("data/index");

  @Valid @NotNull @JsonProperty private SearchConfig search = new SearchConfig();

  @Valid @NotNull @JsonProperty private AnswerConfig answer = new AnswerConfig();

  @Valid @NotNull @JsonProperty private LimitsConfig limits = new LimitsConfig();

  @Valid @NotNull @JsonProperty private BillingConfig billing = new BillingConfig();

  @Valid @NotNull @JsonProperty private BackupConfig backup = new BackupConfig();

  @Valid @NotNull @JsonProperty private TracingConfig tracing = new TracingConfig();

  public TracingConfig getTracing() {
    return tracing;
  }

  public BackupConfig getBackup() {
    return backup;
  }

  public BillingConfig getBilling() {
    return billing;
  }

  public LimitsConfig getLimits() {
    return limits;
  }

  public JobsConfig getJobs() {
    return jobs;
  }

  public IngestConfig getIngest() {
    return ingest;
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

  // --- identity (auth) block: sign-in settings ---
  @Valid @NotNull private dev.minirag.auth.AuthConfig auth = new dev.minirag.auth.AuthConfig();

  @JsonProperty
  public dev.minirag.auth.AuthConfig getAuth() {
    return auth;
  }

  @JsonProperty
  public void setAuth(dev.minirag.auth.AuthConfig auth) {
    this.auth = auth;
  }

  // --- end identity block ---

  /** Apply pending Liquibase changeSets before serving (handy for containers; off by default). */
  private boolean migrateOnStart = false;

  @JsonProperty
  public DataSourceFactory getDatabase() {
    return database;
  }

  @JsonProperty
  public void setDatabase(DataSourceFactory database) {
    this.database = database;
  }

  @JsonProperty
  public SecurityConfig getSecurity() {
    return security;
  }

  @JsonProperty
  public void setSecurity(SecurityConfig security) {
    this.security = security;
  }

  @JsonProperty
  public boolean isMigrateOnStart() {
    return migrateOnStart;
  }

  @JsonProperty
  public void setMigrateOnStart(boolean migrateOnStart) {
    this.migrateOnStart = migrateOnStart;
  }
}
