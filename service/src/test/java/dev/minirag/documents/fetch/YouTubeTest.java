package dev.minirag.documents.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class YouTubeTest {

  @ParameterizedTest
  @CsvSource({
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ, dQw4w9WgXcQ",
    "https://www.youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=42s, dQw4w9WgXcQ",
    "http://youtube.com/watch?v=dQw4w9WgXcQ, dQw4w9WgXcQ",
    "youtube.com/watch?v=dQw4w9WgXcQ, dQw4w9WgXcQ",
    "https://m.youtube.com/watch?v=dQw4w9WgXcQ, dQw4w9WgXcQ",
    "https://music.youtube.com/watch?v=dQw4w9WgXcQ&list=RD, dQw4w9WgXcQ",
    "https://youtu.be/dQw4w9WgXcQ, dQw4w9WgXcQ",
    "https://youtu.be/dQw4w9WgXcQ?t=10, dQw4w9WgXcQ",
    "youtu.be/a_b-C1d2E3f, a_b-C1d2E3f",
    "https://www.youtube.com/shorts/abcdefghijk, abcdefghijk",
    "https://www.youtube.com/embed/dQw4w9WgXcQ?autoplay=1, dQw4w9WgXcQ",
    "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ, dQw4w9WgXcQ",
    "https://www.youtube.com/live/dQw4w9WgXcQ, dQw4w9WgXcQ",
    "  https://WWW.YOUTUBE.COM/watch?v=dQw4w9WgXcQ  , dQw4w9WgXcQ"
  })
  void findsTheVideoId(String url, String id) {
    assertThat(YouTube.videoId(url)).as(url).hasValue(id);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://www.youtube.com/",
        "https://www.youtube.com/watch?v=short",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQextra",
        "https://www.youtube.com/channel/UC1234567890",
        "https://www.youtube.com/playlist?list=PL123",
        "https://evil.com/watch?v=dQw4w9WgXcQ",
        "https://youtube.com.evil.com/watch?v=dQw4w9WgXcQ",
        "https://vimeo.com/123456",
        "ftp://youtu.be/dQw4w9WgXcQ",
        "not a url at all",
        ""
      })
  void rejectsEverythingElse(String url) {
    assertThat(YouTube.videoId(url)).as(url).isEmpty();
  }
}
