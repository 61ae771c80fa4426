package dev.aiter.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.aiter.support.TestContext;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.parsetools.RecordParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The READMEs' Java code compiles and works: each {@code ```java} block in {@code README.md} and
 * {@code examples/README.md} must follow a marker line naming the method it quotes,
 * {@code <!-- verbatim from PATH, method NAME ... -->}, and be that method's body, verbatim (the
 * build compiles the method); and the headline runs against a real client.
 */
class ReadmeTest {

  private static final List<Path> READMES = List.of(Path.of("README.md"), Path.of("examples/README.md"));
  private static final Pattern MARKER = Pattern.compile("<!-- verbatim from (\\S+), method (\\w+)\\b.*-->");

  @RegisterExtension
  static final TestContext tc = new TestContext();

  /** A field: Vert.x 5 closes an unreachable client and its connections (VERTX5-NOTES #2). */
  private HttpClient client;
  private HttpServer server;

  @AfterEach
  void close() {
    if (client != null) {
      TestContext.await(client.close());
    }
    if (server != null) {
      TestContext.await(server.close());
    }
  }

  @Test
  void everyJavaBlockIsTheBodyOfAnExampleMethodVerbatim() throws IOException {
    int quoted = 0;
    for (Path readme : READMES) {
      List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        if (!lines.get(i).strip().equals("```java")) {
          continue;
        }
        String where = readme + ":" + (i + 1);
        Matcher marker = MARKER.matcher(previousNonBlank(lines, i));
        assertTrue(marker.find(), where + ": a java block must follow a line <!-- verbatim from PATH, method NAME -->");
        int end = i + 1;
        while (end < lines.size() && !lines.get(end).strip().equals("```")) {
          end++;
        }
        List<String> block = lines.subList(i + 1, end);
        assertEquals(String.join("\n", methodBody(Path.of(marker.group(1)), marker.group(2))), String.join("\n", block),
            where + " is not the body of " + marker.group(1) + "#" + marker.group(2) + " any more");
        quoted++;
        i = end;
      }
    }
    assertTrue(quoted >= 3, "the headline and the two event-bus blocks are quoted: " + quoted);
  }

  private static String previousNonBlank(List<String> lines, int index) {
    for (int i = index - 1; i >= 0; i--) {
      if (!lines.get(i).isBlank()) {
        return lines.get(i);
      }
    }
    return "";
  }

  /**
   * The lines between the opening line of method {@code name} (its declaration, up to the line
   * that ends with "{") and its closing brace at the declaration's indentation, less the body's
   * indentation.
   */
  private static List<String> methodBody(Path source, String name) throws IOException {
    List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
    Pattern declaration = Pattern.compile("^(\\s*)(public |protected |private )?(static )?[\\w<>\\[\\], ?]+ " + name + "\\(");
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = declaration.matcher(lines.get(i));
      if (!m.find()) {
        continue;
      }
      String indent = m.group(1);
      int open = i;
      while (!lines.get(open).stripTrailing().endsWith("{")) {
        open++;
      }
      int close = open + 1;
      while (!lines.get(close).equals(indent + "}")) {
        close++;
      }
      String bodyIndent = indent + "  ";
      List<String> body = new ArrayList<>();
      for (String line : lines.subList(open + 1, close)) {
        body.add(line.startsWith(bodyIndent) ? line.substring(bodyIndent.length()) : line.strip());
      }
      return body;
    }
    return fail(source + " has no method " + name);
  }

  @Test
  void theHeadlineSavesEachLineAndThenAnswersIt() {
    List<String> saved = new ArrayList<>();
    int[] inFlight = {0};
    int[] maxInFlight = {0};
    Readme.Store store = line -> {
      inFlight[0]++;
      maxInFlight[0] = Math.max(maxInFlight[0], inFlight[0]);
      // Saves take 1 to 4 ms by the line's last digit ("line 13" 4 ms, "line 14" 1 ms): they overlap
      // and complete out of order.
      return tc.vertx.timer(1 + line.charAt(line.length() - 1) % 4).map(fired -> {
        inFlight[0]--;
        saved.add(line);
        return null;
      });
    };
    server = TestContext.await(tc.call(() -> {
      HttpServer s = tc.vertx.createHttpServer();
      Readme.headline(s, store);
      return s.listen(0, "127.0.0.1");
    }));
    List<String> lines = IntStream.range(0, 60).mapToObj(i -> i % 7 == 3 ? "  " : "line " + i).toList();
    String upload = String.join("\n", lines) + "\n";
    List<String> expected = lines.stream().filter(line -> !line.isBlank()).toList();

    client = tc.vertx.createHttpClient();
    List<String> answers = new ArrayList<>();
    List<String> answeredBeforeSaved = new ArrayList<>();
    Promise<Void> done = Promise.promise();
    tc.run(() -> client.request(HttpMethod.POST, server.actualPort(), "127.0.0.1", "/")
        .compose(request -> request.send(upload))
        .onSuccess(response -> readLines(response, saved, answers, answeredBeforeSaved, done))
        .onFailure(done::fail));
    TestContext.await(done.future());

    tc.run(() -> {
      assertEquals(List.of(), answeredBeforeSaved, "a line is answered only once its save completed");
      assertEquals(expected.stream().map(line -> "saved " + line).sorted().toList(), answers.stream().sorted().toList(),
          "every non-blank line answered once");
      assertEquals(expected.stream().sorted().toList(), saved.stream().sorted().toList(), "every non-blank line saved once");
      assertTrue(maxInFlight[0] <= 5, "saves at once: " + maxInFlight[0]);
      assertNotEquals(expected, saved, "saves overlapped and completed out of order, as the test means them to");
    });
  }

  /** Reads the answer lines; on the server's context, so it can look at what was saved. */
  private static void readLines(HttpClientResponse response, List<String> saved, List<String> answers,
      List<String> answeredBeforeSaved, Promise<Void> done) {
    RecordParser.newDelimited("\n", response)
        .exceptionHandler(done::tryFail)
        .endHandler(end -> done.tryComplete())
        .handler(buffer -> {
          String answer = buffer.toString();
          answers.add(answer);
          if (!saved.contains(answer.substring("saved ".length()))) {
            answeredBeforeSaved.add(answer);
          }
        });
  }
}
