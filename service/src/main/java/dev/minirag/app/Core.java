package dev.minirag.app;

import dev.minirag.apikeys.ApiKeyDao;
import dev.minirag.apikeys.ApiKeyService;
import dev.minirag.ask.AnswerConfigs;
import dev.minirag.ask.AskResource;
import dev.minirag.ask.AskService;
import dev.minirag.ask.MeasuredAnswerer;
import dev.minirag.ask.TracedAnswerer;
import dev.minirag.audit.AuditLog;
import dev.minirag.documents.EmbedJobHandler;
import dev.minirag.documents.EmbeddingPipeline;
import dev.minirag.documents.IngestConfig;
import dev.minirag.documents.IngestGate;
import dev.minirag.documents.IngestMetrics;
import dev.minirag.documents.IngestService;
import dev.minirag.documents.ReindexJobHandler;
import dev.minirag.documents.ResyncJobHandler;
import dev.minirag.documents.ResyncScheduler;
import dev.minirag.documents.SourceResync;
import dev.minirag.documents.SourceService;
import dev.minirag.documents.SourcesResource;
import dev.minirag.documents.Uploads;
import dev.minirag.documents.chunk.Chunker;
import dev.minirag.documents.chunk.ChunkingConfig;
import dev.minirag.documents.extract.ExtractionLimits;
import dev.minirag.documents.extract.Extractor;
import dev.minirag.documents.fetch.FetchConfig;
import dev.minirag.documents.fetch.TranscriptFetcher;
import dev.minirag.documents.fetch.UrlFetcher;
import dev.minirag.embedding.Embedder;
import dev.minirag.embedding.Embedders;
import dev.minirag.embedding.EmbeddingGuard;
import dev.minirag.embedding.EmbeddingSettingsDao;
import dev.minirag.embedding.MeasuredEmbedder;
import dev.minirag.embedding.TracedEmbedder;
import dev.minirag.jobs.JobDao;
import dev.minirag.jobs.JobHandlers;
import dev.minirag.jobs.JobMetrics;
import dev.minirag.jobs.JobQueue;
import dev.minirag.jobs.JobWorkers;
import dev.minirag.jobs.JobsConfig;
import dev.minirag.jobs.JobsResource;
import dev.minirag.quota.QuotaService;
import dev.minirag.search.LuceneIndex;
import dev.minirag.search.ReindexTask;
import dev.minirag.search.SearchMetrics;
import dev.minirag.search.SearchResource;
import dev.minirag.search.SearchService;
import dev.minirag.tenancy.WorkspaceDao;
import dev.minirag.tenancy.WorkspaceService;
import dev.minirag.tracing.Tracing;
import io.dropwizard.core.setup.Environment;
import io.prometheus.client.CollectorRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The retrieval core: ingestion, both indexes, search and answers, wired in dependency order. */
public record Core(
    WorkspaceService workspaces,
    ApiKeyService apiKeys,
    LuceneIndex index,
    Embedder embedder,
    IngestService ingest,
    SourceService sources,
    SearchService search,
    AskService ask,
    SourcesResource sourcesResource,
    SearchResource searchResource,
    AskResource askResource,
    JobQueue jobs,
    JobHandlers jobHandlers,
    JobsResource jobsResource) {

  private static final Logger LOG = LoggerFactory.getLogger(Core.class);

  public static Core build(
      MiniRagConfiguration config,
      Environment env,
      Jdbi jdbi,
      AuditLog audit,
      QuotaService quota,
      IngestGate gate,
      CollectorRegistry prometheus,
      Tracing tracing) {
    WorkspaceService workspaces = new WorkspaceService(jdbi.onDemand(WorkspaceDao.class));

    Embedder embedder =
        new TracedEmbedder(
            new MeasuredEmbedder(Embedders.create(config.getEmbedding()), prometheus), tracing);
    env.lifecycle().manage(embedder);
    EmbeddingGuard.Result guard =
        new EmbeddingGuard(jdbi.onDemand(EmbeddingSettingsDao.class)).check(embedder);
    if (!guard.vectorsComparable()) {
      LOG.warn("{}", guard.message());
    }
    // Until `reembed` runs, new vectors would not be comparable with stored ones: BM25 only.
    Embedder usable = guard.vectorsComparable() ? embedder : null;

    LuceneIndex index = new LuceneIndex(config.getIndex(), jdbi);
    env.lifecycle().manage(index);
    env.admin().addTask(new ReindexTask(index));

    IngestConfig ic = config.getIngest();
    Extractor extractor =
        new Extractor(
            ExtractionLimits.defaults()
                .withMaxBytes(ic.maxUploadSize.toBytes())
                .withMaxChars(ic.maxExtractedChars)
                .withParseTimeout(Duration.ofMillis(ic.parseTimeout.toMilliseconds())),
            ic.extractThreadCount());
    env.lifecycle().manage(new io.dropwizard.lifecycle.AutoCloseableManager(extractor));
    Chunker chunker =
        new Chunker(
            new ChunkingConfig(ic.chunkTargetChars, ic.chunkOverlapChars, ic.chunkMaxChars));
    FetchConfig fetch =
        FetchConfig.defaults()
            .withAllowList(ic.fetchAllowListEntries())
            .withTimeouts(
                Duration.ofMillis(ic.fetchConnectTimeout.toMilliseconds()),
                Duration.ofMillis(ic.fetchReadTimeout.toMilliseconds()))
            .withMaxBytes(ic.maxFetchSize.toBytes())
            .withMaxRedirects(ic.maxRedirects)
            .withMaxConcurrent(ic.fetchMaxConcurrent);
    EmbeddingPipeline pipeline =
        new EmbeddingPipeline(
            jdbi,
            chunker,
            usable,
            env.getObjectMapper(),
            config.getEmbedding().getBatchSize(),
            sourceId -> catchUp(index),
            quota);
    // one fetch limit shared by pages and transcripts
    UrlFetcher urls = new UrlFetcher(fetch, tracing);
    TranscriptFetcher transcripts =
        new TranscriptFetcher(urls, URI.create(ic.youtubeTranscriptUrl));
    SourceResync resync =
        new SourceResync(
            jdbi,
            extractor,
            chunker,
            urls,
            transcripts,
            pipeline,
            env.getObjectMapper(),
            quota,
            sourceId -> catchUp(index));

    // One queue for all nodes; this node runs INGEST_WORKERS of its jobs (0 = it only serves).
    JobsConfig jc = config.getJobs();
    JobDao jobDao = jdbi.onDemand(JobDao.class);
    JobHandlers handlers =
        new JobHandlers()
            .register(new EmbedJobHandler(pipeline, jdbi))
            .register(new ResyncJobHandler(resync, jdbi))
            .register(new ReindexJobHandler(pipeline, jdbi));
    JobWorkers workers =
        new JobWorkers(
            jobDao,
            handlers,
            jc,
            ic.workers,
            new JobMetrics(prometheus, jobDao::queuedByKind),
            env.getObjectMapper(),
            tracing);
    JobQueue jobs =
        new JobQueue(jobDao, handlers, env.getObjectMapper(), jc.maxAttempts, workers::wake);
    env.lifecycle().manage(workers); // after the index and the model: stopped before them
    if (ic.workers > 0) {
      env.lifecycle()
          .manage(new ResyncScheduler(jdbi, jobs, jc.resyncScanInterval.toMilliseconds()));
    }
    IngestService ingest =
        new IngestService(
            jdbi,
            extractor,
            chunker,
            urls,
            transcripts,
            pipeline,
            env.getObjectMapper(),
            ic,
            quota,
            gate,
            resync,
            jobs);
    SourceService sources =
        new SourceService(jdbi, env.getObjectMapper(), sourceId -> catchUp(index));

    ExecutorService vectorLeg =
        env.lifecycle()
            .executorService("search-vector-%d")
            .minThreads(4)
            .maxThreads(4)
            .workQueue(new ArrayBlockingQueue<>(256))
            .build();
    SearchService search =
        new SearchService(
            index,
            jdbi,
            usable,
            vectorLeg,
            config.getSearch(),
            new SearchMetrics(prometheus, index),
            tracing);
    AskService ask =
        new AskService(
            search,
            new TracedAnswerer(
                new MeasuredAnswerer(
                    AnswerConfigs.answerer(config.getAnswer(), env.getObjectMapper(), usable),
                    prometheus),
                tracing),
            config.getAnswer().defaultK);

    SourcesResource sourcesResource =
        new SourcesResource(
            ingest,
            sources,
            new Uploads(ingest, ic.maxUploadSize.toBytes(), ic.maxFilesPerRequest),
            audit,
            new IngestMetrics(prometheus),
            jobs);
    return new Core(
        workspaces,
        new ApiKeyService(jdbi.onDemand(ApiKeyDao.class), java.time.Clock.systemUTC()),
        index,
        embedder,
        ingest,
        sources,
        search,
        ask,
        sourcesResource,
        new SearchResource(search, sources, quota),
        new AskResource(ask, sources, env.getObjectMapper(), quota),
        jobs,
        handlers,
        new JobsResource(jobs, audit));
  }

  /** Makes a commit visible to this node at once; if it fails, the next query catches up anyway. */
  static void catchUp(LuceneIndex index) {
    if (!index.isOpen()) {
      return; // a command that left the index closed (ingest beside a server): the server catches
      // up
    }
    try {
      index.makeSearchable();
    } catch (RuntimeException | java.io.IOException e) {
      LOG.warn("Lucene catch-up after a write failed; the next search retries", e);
    }
  }
}
