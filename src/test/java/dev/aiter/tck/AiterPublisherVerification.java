package dev.aiter.tck;

import dev.aiter.Aiter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.SkipException;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * The Reactive Streams publisher TCK over {@link Aiter#toPublisher(io.vertx.core.streams.ReadStream)}
 * of one stream of the library. A stream gets the whole verification by one small subclass that
 * builds it from {@link TckSources}; the failed publisher the TCK also asks for is the same stream
 * built over sources that fail.
 */
public abstract class AiterPublisherVerification extends FlowPublisherVerification<Integer> {

  private Vertx vertx;
  private Context context;

  protected AiterPublisherVerification() {
    super(Tck.environment(), Tck.GC_TIMEOUT_MILLIS);
  }

  /**
   * The stream under test, built from {@code sources} on their context: it must yield exactly
   * {@code elements} items and end, or never end when {@code elements} is {@code Long.MAX_VALUE}.
   */
  protected abstract Aiter<Integer> stream(TckSources sources, long elements);

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
  public Flow.Publisher<Integer> createFlowPublisher(long elements) {
    return Tck.call(context, () -> stream(TckSources.of(context), elements).toPublisher());
  }

  @Override
  public Flow.Publisher<Integer> createFailedFlowPublisher() {
    return Tck.call(context, () -> {
      TckSources sources = TckSources.failing(context);
      Flow.Publisher<Integer> publisher = stream(sources, 0).toPublisher();
      sources.fail(new IllegalStateException("the source failed"));
      return publisher;
    });
  }

  // ------------------------------------------------------------------ optional rules skipped

  private static final String ONE_SUBSCRIBER =
      "A ReadStream has one consumer: toPublisher serves one subscriber and rejects a second with onError (rule 1.9 allows it)";

  @Override
  @Test
  public void optional_spec111_maySupportMultiSubscribe() {
    throw new SkipException(ONE_SUBSCRIBER);
  }

  @Override
  @Test
  public void optional_spec111_registeredSubscribersMustReceiveOnNextOrOnCompleteSignals() {
    throw new SkipException(ONE_SUBSCRIBER);
  }

  @Override
  @Test
  public void optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingOneByOne() {
    throw new SkipException(ONE_SUBSCRIBER);
  }

  @Override
  @Test
  public void optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingManyUpfront() {
    throw new SkipException(ONE_SUBSCRIBER);
  }

  @Override
  @Test
  public void optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingManyUpfrontAndCompleteAsExpected() {
    throw new SkipException(ONE_SUBSCRIBER);
  }
}
