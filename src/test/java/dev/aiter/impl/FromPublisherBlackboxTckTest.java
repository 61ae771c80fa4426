package dev.aiter.impl;

import dev.aiter.tck.Tck;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.flow.FlowSubscriberBlackboxVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/**
 * The subscriber TCK (blackbox) over {@code fromPublisher}: the subscriber under test is the one a
 * {@link PublisherStream} gives its publisher, consumed by a paced consumer that fetches one item
 * at a time (so every item is its own {@code request(1)}). In this package for {@link
 * PublisherStream#subscriber()}, as the whitebox verification.
 */
public class FromPublisherBlackboxTckTest extends FlowSubscriberBlackboxVerification<Integer> {

  private Vertx vertx;
  private Context context;

  public FromPublisherBlackboxTckTest() {
    super(Tck.environment());
  }

  @BeforeClass
  public void startVertx() {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
  }

  @AfterClass(alwaysRun = true)
  public void stopVertx() {
    Tck.await(vertx.close());
  }

  @Override
  public Flow.Subscriber<Integer> createFlowSubscriber() {
    return Tck.call(context, () -> {
      PublisherStream<Integer> stream = new PublisherStream<>(context);
      stream.pause();
      stream.exceptionHandler(t -> { });
      stream.endHandler(v -> { });
      stream.handler(item -> stream.fetch(1));
      stream.fetch(1);
      return stream.subscriber();
    });
  }

  @Override
  public Integer createElement(int element) {
    return element;
  }
}
