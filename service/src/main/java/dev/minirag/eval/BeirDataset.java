package dev.minirag.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A retrieval test collection in BEIR's layout: {@code corpus.jsonl} ({@code _id}, {@code title},
 * {@code text}), {@code queries.jsonl} ({@code _id}, {@code text}) and TREC-style judgments in
 * {@code qrels.tsv} or {@code qrels/test.tsv} ({@code query-id corpus-id score}, a header line
 * allowed). Only judged queries are kept: those are the ones trec_eval averages over.
 */
public record BeirDataset(
    String name,
    List<Doc> corpus,
    Map<String, String> queries,
    Map<String, Map<String, Integer>> qrels) {

  public record Doc(String id, String title, String text) {}

  public static BeirDataset load(Path dir, Path queriesFile, Path qrelsFile) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Path corpusFile = dir.resolve("corpus.jsonl");
    Path q = queriesFile != null ? queriesFile : dir.resolve("queries.jsonl");
    Path r =
        qrelsFile != null
            ? qrelsFile
            : firstExisting(dir.resolve("qrels.tsv"), dir.resolve("qrels").resolve("test.tsv"));
    List<Doc> corpus = new ArrayList<>();
    for (JsonNode n : jsonLines(json, corpusFile)) {
      corpus.add(
          new Doc(n.path("_id").asText(), n.path("title").asText(""), n.path("text").asText("")));
    }
    Map<String, Map<String, Integer>> qrels = readQrels(r);
    Map<String, String> queries = new LinkedHashMap<>();
    for (JsonNode n : jsonLines(json, q)) {
      String id = n.path("_id").asText();
      if (qrels.containsKey(id)) {
        queries.put(id, n.path("text").asText());
      }
    }
    qrels.keySet().retainAll(queries.keySet());
    String name = dir.toAbsolutePath().normalize().getFileName().toString();
    return new BeirDataset(name, List.copyOf(corpus), Collections.unmodifiableMap(queries), qrels);
  }

  /**
   * Judgments with a positive grade, by query then document; zero grades are dropped, as trec_eval
   * ignores them for gain.
   */
  static Map<String, Map<String, Integer>> readQrels(Path file) throws IOException {
    Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        String[] f = line.strip().split("\\s+");
        if (f.length < 3 || f[0].isEmpty()) {
          continue;
        }
        // BEIR: query-id corpus-id score; TREC: query-id 0 corpus-id score
        String qid = f[0];
        String doc = f.length >= 4 ? f[2] : f[1];
        String grade = f.length >= 4 ? f[3] : f[2];
        int g;
        try {
          g = Integer.parseInt(grade);
        } catch (NumberFormatException e) {
          continue; // header line
        }
        if (g > 0) {
          out.computeIfAbsent(qid, k -> new LinkedHashMap<>()).put(doc, g);
        }
      }
    }
    return out;
  }

  /**
   * A deterministic subset: every judged document of the first {@code queries} queries plus the
   * first {@code extra} others.
   */
  public BeirDataset sample(int maxQueries, int extraDocs) {
    Map<String, String> q = new LinkedHashMap<>();
    Map<String, Map<String, Integer>> r = new LinkedHashMap<>();
    java.util.Set<String> keep = new java.util.HashSet<>();
    for (Map.Entry<String, String> e : queries.entrySet()) {
      if (q.size() >= maxQueries) {
        break;
      }
      q.put(e.getKey(), e.getValue());
      r.put(e.getKey(), qrels.get(e.getKey()));
      keep.addAll(qrels.get(e.getKey()).keySet());
    }
    List<Doc> docs = new ArrayList<>();
    int extra = 0;
    for (Doc d : corpus) {
      if (keep.contains(d.id())) {
        docs.add(d);
      } else if (extra < extraDocs) {
        docs.add(d);
        extra++;
      }
    }
    return new BeirDataset(name + "-sample", List.copyOf(docs), q, r);
  }

  private static Path firstExisting(Path... candidates) throws IOException {
    for (Path p : candidates) {
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new java.io.FileNotFoundException(
        "no judgments: expected " + candidates[0] + " or " + candidates[1]);
  }

  private static List<JsonNode> jsonLines(ObjectMapper json, Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.isBlank()) {
          out.add(json.readTree(line));
        }
      }
    }
    return out;
  }
}
