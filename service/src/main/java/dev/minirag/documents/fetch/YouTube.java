package dev.minirag.documents.fetch;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Recognizes YouTube video URLs. */
public final class YouTube {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{11}");

  private YouTube() {}

  /**
   * The 11-character video id of a YouTube URL: {@code youtube.com/watch?v=}, {@code youtu.be/},
   * {@code /shorts/}, {@code /embed/}, {@code /live/} and {@code /v/}, on www, m, music and
   * youtube-nocookie hosts, with or without a scheme. Empty for anything else.
   */
  public static Optional<String> videoId(String url) {
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    String text = url.strip();
    if (!text.contains("://")) {
      text = "https://" + text;
    }
    URI uri;
    try {
      uri = URI.create(text);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
      return Optional.empty();
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    String[] parts = path.split("/");
    String candidate = null;
    if (host.equals("youtu.be") || host.equals("www.youtu.be")) {
      candidate = parts.length > 1 ? parts[1] : null;
    } else if (isYouTubeHost(host)) {
      if (path.equals("/watch") || path.equals("/watch/")) {
        candidate = queryParameter(uri.getRawQuery(), "v");
      } else if (parts.length > 2 && isIdPrefix(parts[1])) {
        candidate = parts[2];
      }
    }
    return candidate != null && ID.matcher(candidate).matches()
        ? Optional.of(candidate)
        : Optional.empty();
  }

  private static boolean isYouTubeHost(String host) {
    return host.equals("youtube.com")
        || host.equals("www.youtube.com")
        || host.equals("m.youtube.com")
        || host.equals("music.youtube.com")
        || host.equals("youtube-nocookie.com")
        || host.equals("www.youtube-nocookie.com");
  }

  private static boolean isIdPrefix(String segment) {
    return segment.equals("shorts")
        || segment.equals("embed")
        || segment.equals("live")
        || segment.equals("v");
  }

  private static String queryParameter(String query, String name) {
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return pair.substring(eq + 1);
      }
    }
    return null;
  }
}
