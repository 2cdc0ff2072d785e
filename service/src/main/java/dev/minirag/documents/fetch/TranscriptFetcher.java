package dev.minirag.documents.fetch;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Fetches a YouTube video's captions as WebVTT from the timedtext endpoint, through a {@link
 * UrlFetcher} (so the same SSRF guard, caps and timeouts apply). Give it a config with short
 * timeouts: when YouTube is unreachable the user should hear so quickly and upload a .vtt instead.
 * The endpoint is best effort: YouTube answers an empty body for videos without captions in the
 * language, and may refuse requests from servers altogether.
 */
public final class TranscriptFetcher {

  /** The public endpoint; tests point the fetcher at a local server instead. */
  public static final URI YOUTUBE_TIMEDTEXT = URI.create("https://www.youtube.com/api/timedtext");

  private static final String UPLOAD_INSTEAD = "upload the transcript as a .vtt file instead.";
  private static final Pattern VIDEO_ID = Pattern.compile("[A-Za-z0-9_-]{11}");
  private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");

  private final UrlFetcher fetcher;
  private final URI baseUrl;

  public TranscriptFetcher(FetchConfig config, URI baseUrl) {
    this(new UrlFetcher(config), baseUrl);
  }

  /** Shares {@code fetcher}, and so its limit on concurrent fetches, with other URL ingestion. */
  public TranscriptFetcher(UrlFetcher fetcher, URI baseUrl) {
    this.fetcher = fetcher;
    this.baseUrl = baseUrl;
  }

  /**
   * The captions of {@code videoId} in {@code language} (e.g. "en"), as a WebVTT body.
   *
   * @throws FetchException 400 for a malformed id; 422 when the video has no transcript in that
   *     language; 502 or 504 when YouTube cannot be reached, with a message that says to upload a
   *     .vtt file; other statuses as {@link UrlFetcher#fetch} throws them
   */
  public FetchedResource fetch(String videoId, String language) {
    if (videoId == null || !VIDEO_ID.matcher(videoId).matches()) {
      throw new FetchException(400, "That is not a YouTube video id.");
    }
    if (language == null || !LANGUAGE.matcher(language).matches()) {
      throw new FetchException(400, "The transcript language must be a code such as \"en\".");
    }
    FetchedResource resource;
    try {
      resource = fetcher.fetch(transcriptUri(videoId, language), null, null);
    } catch (FetchException e) {
      throw explain(e, language);
    }
    if (!looksLikeVtt(resource.body())) {
      throw noTranscript(language, null);
    }
    return resource;
  }

  private URI transcriptUri(String videoId, String language) {
    String base = baseUrl.toString();
    String separator = base.contains("?") ? "&" : "?";
    return URI.create(base + separator + "lang=" + language + "&v=" + videoId + "&fmt=vtt");
  }

  private static FetchException explain(FetchException e, String language) {
    if (e.isUnreachable()) {
      return new FetchException(
          e.status(), "YouTube could not be reached from this server; " + UPLOAD_INSTEAD, null, e);
    }
    int upstream = e.upstreamStatus().orElse(0);
    if ((upstream >= 400 && upstream < 500) || e.status() == 415) {
      return noTranscript(language, e);
    }
    if (upstream >= 500) {
      return new FetchException(
          502, "YouTube failed to answer (HTTP " + upstream + "); " + UPLOAD_INSTEAD, upstream, e);
    }
    return e;
  }

  private static FetchException noTranscript(String language, Throwable cause) {
    return new FetchException(
        422,
        "YouTube has no transcript for this video in language \""
            + language
            + "\"; "
            + UPLOAD_INSTEAD,
        null,
        cause);
  }

  private static boolean looksLikeVtt(byte[] body) {
    String head = new String(body, 0, Math.min(body.length, 64), StandardCharsets.UTF_8);
    return head.replace("\uFEFF", "").startsWith("WEBVTT")
        && new String(body, StandardCharsets.UTF_8).contains("-->");
  }
}
