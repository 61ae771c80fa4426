package dev.aiter.impl;

import dev.aiter.tck.Tck;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.SubscriberWhiteboxVerification.SubscriberPuppet;
import org.reactivestreams.tck.SubscriberWhiteboxVerification.WhiteboxSubscriberProbe;
import org.reactivestreams.tck.flow.FlowSubscriberWhiteboxVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/**
 * The subscriber TCK (whitebox) over {@code fromPublisher}. The probe hears what the stream's
 * consumer receives (items through the data handler, the end and the failure through theirs), so
 * each rule is checked through the whole stream, not at its door; the puppet's requests are the
 * consumer's {@code fetch(n)}, and its cancel is {@link PublisherStream#stop()} (hence this
 * package).
 */
public class FromPublisherWhiteboxTckTest extends FlowSubscriberWhiteboxVerification<Integer> {

  private Vertx vertx;
  private Context context;

  public FromPublisherWhiteboxTckTest() {
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
  protected Flow.Subscriber<Integer> createFlowSubscriber(WhiteboxSubscriberProbe<Integer> probe) {
    return Tck.call(context, () -> new Probed(new PublisherStream<>(context), probe));
  }

  @Override
  public Integer createElement(int element) {
    return element;
  }

  /** The stream's subscriber, telling the probe when it holds a subscription. */
  private static final class Probed implements Flow.Subscriber<Integer>, SubscriberPuppet {

    private final PublisherStream<Integer> stream;
    private final Flow.Subscriber<Integer> subscriber;
    private final WhiteboxSubscriberProbe<Integer> probe;
    /** The end that {@link #signalCancel} causes is not the publisher's onComplete. */
    private volatile boolean stopped;
    private boolean registered;

    Probed(PublisherStream<Integer> stream, WhiteboxSubscriberProbe<Integer> probe) {
      this.stream = stream;
      this.subscriber = stream.subscriber();
      this.probe = probe;
      stream.pause();
      stream.exceptionHandler(probe::registerOnError);
      stream.endHandler(v -> {
        if (!stopped) {
          probe.registerOnComplete();
        }
      });
      stream.handler(probe::registerOnNext);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscriber.onSubscribe(subscription);
      if (!registered) {
        registered = true;
        probe.registerOnSubscribe(this);
      }
    }

    @Override
    public void onNext(Integer item) {
      subscriber.onNext(item);
    }

    @Override
    public void onError(Throwable cause) {
      subscriber.onError(cause);
    }

    @Override
    public void onComplete() {
      subscriber.onComplete();
    }

    @Override
    public void triggerRequest(long elements) {
      stream.fetch(elements);
    }

    @Override
    public void signalCancel() {
      stopped = true;
      stream.stop();
    }
  }
}
