package dev.minirag.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.minirag.testing.ApiResources;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds hostile requests for {@link EndpointFuzzIT} from a seeded random source. */
final class Generator {

  /** Non-ASCII escaped as \\uXXXX: lone surrogates can only travel as JSON escapes. */
  private static final ObjectWriter JSON =
      new ObjectMapper().writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);

  private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z0-9_]+)(:[^}]*)?}");

  /** Field names the API uses, so generated objects reach validation and beyond, plus strangers. */
  private static final List<String> FIELDS =
      List.of(
          "query",
          "question",
          "k",
          "mode",
          "fusion",
          "denseWeight",
          "candidates",
          "filters",
          "sourceIds",
          "kinds",
          "createdAfter",
          "createdBefore",
          "text",
          "title",
          "texts",
          "urls",
          "url",
          "items",
          "name",
          "email",
          "role",
          "scopes",
          "expiresAt",
          "plan",
          "limits",
          "systemAdmin",
          "stream",
          "workspaceId",
          "queries",
          "qrels",
          "maxSources",
          "requestsPerMinute",
          "priceId",
          "successUrl",
          "__proto__",
          "constructor",
          "",
          "a.b",
          "ünï");

  private static final List<String> STRINGS =
      List.of(
          "",
          " ",
          "\u0000",
          "nul\u0000byte",
          "\ud800",
          "\udfff\ud800",
          "\u202eevil\u202c",
          "e\u0301\u0301\u0301\u0301",
          "😀🏳️‍🌈",
          "\uFEFF",
          "\r\n\r\nInjected: header",
          "../../../../etc/passwd",
          "%00",
          "%ZZ",
          "' OR 1=1 --",
          "<script>alert(1)</script>",
          "{{7*7}}",
          "${jndi:ldap://127.0.0.1/x}",
          "owner",
          "admin",
          "reader",
          "read",
          "write",
          "bm25",
          "hybrid",
          "dense",
          "rrf",
          "convex",
          "free",
          "team",
          "-1",
          "1e309",
          "NaN",
          "Infinity",
          "2026-13-45T99:99:99Z",
          "1970-01-01T00:00:00Z",
          "http://127.0.0.1:1/",
          "http://169.254.169.254/latest/meta-data",
          "file:///etc/passwd",
          "gopher://127.0.0.1:25/",
          "javascript:alert(1)",
          "http://[::1]/",
          "mailto:x@y",
          "not-a-uuid",
          "00000000-0000-0000-0000-000000000000",
          "x@y",
          "a@b.c",
          "\"quoted\"",
          "\\",
          "/");

  private static final List<Object> NUMBERS =
      List.of(
          0,
          -1,
          1,
          2,
          10,
          1000,
          Integer.MAX_VALUE,
          Integer.MIN_VALUE,
          Long.MAX_VALUE,
          Long.MIN_VALUE,
          new java.math.BigInteger("99999999999999999999999999"),
          1.5,
          -0.0,
          1e308,
          -1e308,
          4.9e-324);

  private static final List<String> MALFORMED =
      List.of(
          "{",
          "}",
          "{\"a\":",
          "[1,2",
          "nul",
          "tru",
          "\"unterminated",
          "{\"a\":1}}",
          "{'single':'quotes'}",
          "{\"a\":01}",
          "{\"a\":NaN}",
          "{\"a\":\"\\u12\"}",
          "{\"a\":\"\\ud800\"}",
          "\u0000",
          "{\"a\" 1}",
          ",",
          "{}{}",
          "{\"a\":1,}",
          "[" + "[".repeat(5000));

  private static final List<String> CONTENT_TYPES =
      List.of(
          "text/plain",
          "application/xml",
          "application/x-www-form-urlencoded",
          "application/json; charset=bogus",
          "application/json; charset=utf-16",
          "multipart/form-data",
          "multipart/form-data; boundary=",
          "image/png",
          "*/*",
          "application/json\r\nX-Injected: 1");

  private final Random random;
  private final UUID ownWorkspace;

  Generator(Random random, UUID ownWorkspace) {
    this.random = random;
    this.ownWorkspace = ownWorkspace;
  }

  EndpointFuzzIT.Input input(String caller, ApiResources.Operation op) {
    String path = "/api" + substitute(op.path()) + query();
    String method = op.method();
    if (method.equals("GET") || method.equals("DELETE")) {
      return random.nextInt(10) == 0
          ? new EndpointFuzzIT.Input(
              caller, method, path, "application/json", bytes("{\"unexpected\":true}"))
          : new EndpointFuzzIT.Input(caller, method, path, null, null);
    }
    return switch (random.nextInt(10)) {
      case 0, 1, 2, 3 ->
          new EndpointFuzzIT.Input(caller, method, path, "application/json", json(object(0)));
      case 4 -> new EndpointFuzzIT.Input(caller, method, path, "application/json", json(value(0)));
      case 5 -> new EndpointFuzzIT.Input(caller, method, path, "application/json", malformed());
      case 6 ->
          new EndpointFuzzIT.Input(caller, method, path, pick(CONTENT_TYPES), json(object(0)));
      case 7, 8 -> multipart(caller, method, path);
      default ->
          new EndpointFuzzIT.Input(
              caller, method, path, null, random.nextBoolean() ? null : new byte[0]);
    };
  }

  private String substitute(String template) {
    Matcher m = PARAM.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(segment()));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String segment() {
    return switch (random.nextInt(8)) {
      case 0 -> new UUID(random.nextLong(), random.nextLong()).toString(); // replayable
      case 1 -> ownWorkspace.toString();
      case 2 -> "not-a-uuid";
      case 3 -> "%00";
      case 4 -> "..%2F..%2Fetc%2Fpasswd";
      case 5 -> "x".repeat(3000);
      case 6 -> encode(pick(STRINGS));
      default -> "-1";
    };
  }

  private String query() {
    if (random.nextInt(3) != 0) {
      return "";
    }
    List<String> pairs = new ArrayList<>();
    for (int i = random.nextInt(4); i >= 0; i--) {
      String name =
          pick(
              List.of(
                  "limit",
                  "offset",
                  "cursor",
                  "page",
                  "k",
                  "q",
                  "status",
                  "kind",
                  "action",
                  "from",
                  "to",
                  "before",
                  "after",
                  "workspaceId",
                  "userId",
                  "mode",
                  "stream",
                  encode(pick(FIELDS))));
      String value =
          random.nextBoolean() ? encode(pick(STRINGS)) : encode(String.valueOf(pick(NUMBERS)));
      pairs.add(name + "=" + value);
    }
    return "?" + String.join("&", pairs);
  }

  private Map<String, Object> object(int depth) {
    Map<String, Object> o = new LinkedHashMap<>();
    for (int i = random.nextInt(5); i >= 0; i--) {
      o.put(random.nextInt(6) == 0 ? pick(STRINGS) : pick(FIELDS), value(depth + 1));
    }
    return o;
  }

  private Object value(int depth) {
    int choice = random.nextInt(depth > 3 ? 6 : 9);
    return switch (choice) {
      case 0 -> null;
      case 1 -> random.nextBoolean();
      case 2, 3 -> pick(NUMBERS);
      case 4 -> pick(STRINGS);
      case 5 ->
          random.nextInt(8) == 0
              ? "long ".repeat(20_000 + random.nextInt(20_000))
              : pick(STRINGS) + pick(STRINGS);
      case 6 -> object(depth);
      case 7 -> {
        List<Object> list = new ArrayList<>();
        int n = random.nextInt(10) == 0 ? 2_000 : random.nextInt(4);
        for (int i = 0; i < n; i++) {
          list.add(n > 100 ? pick(STRINGS) : value(depth + 1));
        }
        yield list;
      }
      default -> {
        Object nested = "deep";
        for (int i = 0; i < 200; i++) {
          nested = List.of(nested);
        }
        yield nested;
      }
    };
  }

  private byte[] malformed() {
    if (random.nextInt(5) == 0) {
      return new byte[] {
        '{',
        '"',
        'a',
        '"',
        ':',
        '"',
        (byte) 0xC3,
        (byte) 0x28,
        (byte) 0xED,
        (byte) 0xA0,
        (byte) 0x80,
        '"',
        '}'
      };
    }
    return bytes(pick(MALFORMED));
  }

  private EndpointFuzzIT.Input multipart(String caller, String method, String path) {
    String boundary = "fuzz" + random.nextInt(1_000_000);
    String name =
        pick(
            List.of(
                "../../etc/passwd",
                "a\r\nContent-Type: text/html",
                "nul\u0000.txt",
                "",
                "😀.pdf",
                "x".repeat(5000) + ".txt",
                "CON",
                ".htaccess",
                "report.pdf",
                "notes.md",
                "clip.vtt"));
    String field = pick(List.of("files", "file", "", "files\""));
    String part =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\""
            + field
            + "\"; filename=\""
            + name
            + "\"\r\nContent-Type: "
            + pick(List.of("text/plain", "application/pdf", "application/zip", "", "text/html"))
            + "\r\n\r\n"
            + pick(STRINGS)
            + pick(MALFORMED)
            + "\r\n";
    String body =
        switch (random.nextInt(4)) {
          case 0 -> part + part + "--" + boundary + "--\r\n"; // the same part twice
          case 1 -> part; // no closing boundary
          case 2 -> "--" + boundary + "--\r\n"; // no parts at all
          default -> part + "--" + boundary + "--\r\n";
        };
    String type =
        random.nextInt(4) == 0
            ? "multipart/form-data"
            : "multipart/form-data; boundary=" + boundary;
    return new EndpointFuzzIT.Input(caller, method, path, type, bytes(body));
  }

  private <T> T pick(List<T> options) {
    return options.get(random.nextInt(options.size()));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] json(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
