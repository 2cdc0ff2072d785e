package dev.minirag.app;

import dev.minirag.apikeys.ApiKeyService;
import dev.minirag.ask.AnswerConfigs;
import dev.minirag.ask.AskResponses;
import dev.minirag.ask.AskService;
import dev.minirag.ask.MeasuredAnswerer;
import dev.minirag.ask.TracedAnswerer;
import dev.minirag.audit.AuditLog;
import dev.minirag.documents.ChunkDao;
import dev.minirag.documents.EmbedJobHandler;
import dev.minirag.documents.EmbeddingPipeline;
import dev.minirag.documents.IngestConfig;
import dev.minirag.documents.IngestGate;
import dev.minirag.documents.IngestMetrics;
import dev.minirag.documents.IngestService;
import dev.minirag.documents.ReindexJobHandler;
import dev.minirag.documents.ResyncJobHandler;
import dev.minirag.documents.ResyncScheduler;
import dev.minirag.documents.SourceDao;
import dev.minirag.documents.SourceIntake;
import dev.minirag.documents.SourceResync;
import dev.minirag.documents.SourceService;
import dev.minirag.documents.Uploads;
import dev.minirag.documents.chunk.Chunker;
import dev.minirag.documents.extract.Extractor;
import dev.minirag.documents.fetch.FetchConfig;
import dev.minirag.documents.fetch.TranscriptFetcher;
import dev.minirag.documents.fetch.UrlFetcher;
import dev.minirag.embedding.Embedder;
import dev.minirag.embedding.Embedders;
import dev.minirag.embedding.EmbeddingGuard;
import dev.minirag.embedding.EmbeddingSettingsDao;
import dev.minirag.embedding.MeasuredEmbedder;
import dev.minirag.embedding.QueryCachingEmbedder;
import dev.minirag.embedding.TracedEmbedder;
import dev.minirag.embedding.VectorIndexDao;
import dev.minirag.embedding.VectorIndexSwitch;
import dev.minirag.jobs.JobDao;
import dev.minirag.jobs.JobHandlers;
import dev.minirag.jobs.JobMetrics;
import dev.minirag.jobs.JobQueue;
import dev.minirag.jobs.JobWorkers;
import dev.minirag.jobs.JobsConfig;
import dev.minirag.quota.QuotaService;
import dev.minirag.search.LuceneIndex;
import dev.minirag.search.ReindexTask;
import dev.minirag.search.SearchHitsDao;
import dev.minirag.search.SearchMetrics;
import dev.minirag.search.SearchService;
import dev.minirag.search.VectorSearchDao;
import dev.minirag.tenancy.TenancyService;
import dev.minirag.tracing.Tracing;
import io.dropwizard.core.setup.Environment;
import io.prometheus.client.CollectorRegistry;
import java.net.URI;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retrieval core's services: ingestion, both indexes, search and answers, built in dependency
 * order. {@link AppContext} puts resources on top of them.
 */
public record Core(
    TenancyService workspaces,
    ApiKeyService apiKeys,
    LuceneIndex index,
    Embedder embedder,
    IngestService ingest,
    SourceService sources,
    SearchService search,
    AskService ask,
    SourceIntake intake,
    AskResponses askResponses,
    JobQueue jobs,
    JobHandlers jobHandlers) {

  private static final Logger LOG = LoggerFactory.getLogger(Core.class);

  public static Core build(
      MiniRagConfiguration config,
      Environment env,
      Jdbi jdbi,
      AuditLog audit,
      QuotaService quota,
      IngestGate gate,
      CollectorRegistry prometheus,
      TenancyService workspaces,
      ApiKeyService apiKeys,
      Tracing tracing) {

    // The cache is outermost: a remembered query is neither a model call (metrics) nor a span.
    Embedder embedder =
        QueryCachingEmbedder.around(
            new TracedEmbedder(
                new MeasuredEmbedder(Embedders.create(config.getEmbedding()), prometheus), tracing),
            config.getEmbedding().getQueryCacheSize());
    env.lifecycle().manage(embedder);
    EmbeddingGuard.Result guard =
        new EmbeddingGuard(jdbi.onDemand(EmbeddingSettingsDao.class)).check(embedder);
    if (!guard.vectorsComparable()) {
      LOG.warn("{}", guard.message());
    }
    new VectorIndexSwitch(jdbi.onDemand(VectorIndexDao.class))
        .apply(config.getSearch().getHnswIndex());
    // Until `reembed` runs, new vectors would not be comparable with stored ones: BM25 only.
    Embedder usable = guard.vectorsComparable() ? embedder : null;

    LuceneIndex index = new LuceneIndex(config.getIndex(), jdbi);
    env.lifecycle().manage(index);
    env.admin().addTask(new ReindexTask(index));

    IngestConfig ic = config.getIngest();
    Extractor extractor = new Extractor(ic.extraction(), ic.extractThreadCount());
    env.lifecycle().manage(new io.dropwizard.lifecycle.AutoCloseableManager(extractor));
    Chunker chunker = new Chunker(ic.chunking());
    FetchConfig fetch = ic.fetch();
    SourceDao sourceDao = jdbi.onDemand(SourceDao.class);
    ChunkDao chunkDao = jdbi.onDemand(ChunkDao.class);
    EmbeddingPipeline pipeline =
        new EmbeddingPipeline(
            sourceDao,
            chunkDao,
            chunker,
            usable,
            env.getObjectMapper(),
            config.getEmbedding().getBatchSize(),
            sourceId -> catchUp(index),
            quota);
    // one fetch limit shared by pages and transcripts
    UrlFetcher urls = new UrlFetcher(fetch, tracing);
    TranscriptFetcher transcripts =
        new TranscriptFetcher(urls, URI.create(ic.getYoutubeTranscriptUrl()));
    SourceResync resync =
        new SourceResync(
            sourceDao,
            extractor,
            chunker,
            urls,
            transcripts,
            pipeline,
            env.getObjectMapper(),
            quota,
            sourceId -> catchUp(index),
            ic.getMaxChunksPerSource());

    // One queue for all nodes; this node runs INGEST_WORKERS of its jobs (0 = it only serves).
    JobsConfig jc = config.getJobs();
    JobDao jobDao = jdbi.onDemand(JobDao.class);
    JobHandlers handlers =
        new JobHandlers()
            .register(new EmbedJobHandler(pipeline, sourceDao))
            .register(new ResyncJobHandler(resync, sourceDao))
            .register(new ReindexJobHandler(pipeline, sourceDao));
    JobWorkers workers =
        new JobWorkers(
            jobDao,
            handlers,
            jc,
            ic.getWorkers(),
            new JobMetrics(prometheus, jobDao::queuedByKind),
            env.getObjectMapper(),
            tracing);
    JobQueue jobs =
        new JobQueue(jobDao, handlers, env.getObjectMapper(), jc.getMaxAttempts(), workers::wake);
    env.lifecycle().manage(workers); // after the index and the model: stopped before them
    if (ic.getWorkers() > 0) {
      env.lifecycle()
          .manage(
              new ResyncScheduler(sourceDao, jobs, jc.getResyncScanInterval().toMilliseconds()));
    }
    IngestService ingest =
        new IngestService(
            sourceDao,
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
        new SourceService(sourceDao, chunkDao, env.getObjectMapper(), sourceId -> catchUp(index));

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
            jdbi.onDemand(VectorSearchDao.class),
            jdbi.onDemand(SearchHitsDao.class),
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
            config.getAnswer().getDefaultK());

    SourceIntake intake =
        new SourceIntake(
            ingest,
            new Uploads(ingest, ic.getMaxUploadSize().toBytes(), ic.getMaxFilesPerRequest()),
            audit,
            new IngestMetrics(prometheus));
    return new Core(
        workspaces,
        apiKeys,
        index,
        embedder,
        ingest,
        sources,
        search,
        ask,
        intake,
        new AskResponses(ask, sources, env.getObjectMapper(), quota),
        jobs,
        handlers);
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
