package dev.aiter.bench.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Merges the JMH JSON results of several rounds of one fork each into one result of as many forks,
 * as JMH would have written it for {@code -f <rounds>}: each metric's {@code rawData} holds one
 * array per round, and its score, error and confidence interval are computed again over every
 * iteration of every round (JMH's own: the mean, and Student's t at 99.9 % times the standard
 * error).
 *
 * <p>Why rounds: JMH runs all forks of a benchmark one after the other, so on a machine whose speed
 * drifts over minutes (benchmarks/README.md, "Why the floor was beaten"), two contenders are
 * measured in different stretches of the drift and their ratio carries it. In rounds, every
 * contender's forks are spread over the whole run alike.
 *
 * <p>Usage: {@code MergeRounds <out.json> <round1.json> [<round2.json> ...]}.
 */
public final class MergeRounds {

  /** JMH's confidence level for {@code scoreError}. */
  private static final double CONFIDENCE = 0.999;

  private MergeRounds() {
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: MergeRounds <out.json> <round1.json> [<round2.json> ...]");
      System.exit(2);
    }
    JsonArray[] rounds = new JsonArray[args.length - 1];
    for (int i = 1; i < args.length; i++) {
      rounds[i - 1] = new JsonArray(Files.readString(Path.of(args[i])));
    }
    Files.writeString(Path.of(args[0]), merge(rounds).encodePrettily());
  }

  /** The rounds' results as one, benchmarks in the first round's order (then any others). */
  static JsonArray merge(JsonArray... rounds) {
    Map<String, JsonObject> merged = new LinkedHashMap<>();
    for (JsonArray round : rounds) {
      for (Object o : round) {
        JsonObject result = (JsonObject) o;
        String key = result.getString("benchmark") + result.getJsonObject("params", new JsonObject()).encode();
        JsonObject into = merged.get(key);
        if (into == null) {
          merged.put(key, result.copy());
        } else {
          into.put("forks", into.getInteger("forks") + result.getInteger("forks"));
          appendRawData(into.getJsonObject("primaryMetric"), result.getJsonObject("primaryMetric"));
          JsonObject intoSecondary = into.getJsonObject("secondaryMetrics", new JsonObject());
          JsonObject secondary = result.getJsonObject("secondaryMetrics", new JsonObject());
          for (String name : secondary.fieldNames()) {
            if (intoSecondary.containsKey(name)) {
              appendRawData(intoSecondary.getJsonObject(name), secondary.getJsonObject(name));
            } else {
              intoSecondary.put(name, secondary.getJsonObject(name).copy());
            }
          }
        }
      }
    }
    JsonArray out = new JsonArray();
    for (JsonObject result : merged.values()) {
      restate(result.getJsonObject("primaryMetric"));
      JsonObject secondary = result.getJsonObject("secondaryMetrics", new JsonObject());
      for (String name : secondary.fieldNames()) {
        restate(secondary.getJsonObject(name));
      }
      out.add(result);
    }
    return out;
  }

  private static void appendRawData(JsonObject into, JsonObject from) {
    JsonArray raw = into.getJsonArray("rawData");
    JsonArray more = from.getJsonArray("rawData");
    if (raw != null && more != null) {
      more.forEach(raw::add);
    }
  }

  /** Score, error and interval of a metric, from its rawData (one array per fork). */
  private static void restate(JsonObject metric) {
    JsonArray raw = metric.getJsonArray("rawData");
    if (raw == null) {
      return;
    }
    int n = 0;
    double sum = 0;
    for (Object fork : raw) {
      for (Object v : (JsonArray) fork) {
        sum += ((Number) v).doubleValue();
        n++;
      }
    }
    if (n == 0) {
      return;
    }
    double mean = sum / n;
    double squares = 0;
    for (Object fork : raw) {
      for (Object v : (JsonArray) fork) {
        double d = ((Number) v).doubleValue() - mean;
        squares += d * d;
      }
    }
    metric.put("score", mean);
    if (n < 3) {
      metric.put("scoreError", "NaN"); // as JMH writes it for too few iterations
      metric.remove("scoreConfidence");
      return;
    }
    double standardError = Math.sqrt(squares / (n - 1) / n);
    double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
    double error = t * standardError;
    metric.put("scoreError", error);
    metric.put("scoreConfidence", new JsonArray().add(mean - error).add(mean + error));
  }
}
