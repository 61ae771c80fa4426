package dev.aiter.support;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.UUID;

/**
 * Clustered Vert.x nodes for tests, on loopback only: Hazelcast joins over TCP-IP on 127.0.0.1
 * (multicast and auto-detection off), binds nothing else, does not phone home and logs nothing;
 * the event bus listens on 127.0.0.1 too. Each {@link #cluster()} has a name of its own, so test
 * runs beside each other on one machine never join each other.
 */
public final class ClusterNodes {

  private static final String LOOPBACK = "127.0.0.1";
  /** Hazelcast's member ports: the first free one of this range is taken, and the range is searched. */
  private static final int FIRST_PORT = 5701;
  private static final int PORTS = 20;

  private ClusterNodes() {
  }

  /** A fresh cluster name. */
  public static String cluster() {
    return "vertx-aiter-test-" + UUID.randomUUID();
  }

  /**
   * Starts a node of {@code cluster}; the future completes once it has joined. Start the nodes of
   * a cluster one after the other: two that start at once both try to found the cluster, and
   * sorting that out takes Hazelcast several seconds (measured here: 11 s for two at once, 4.4 s
   * one after the other, most of it the first node's own start).
   */
  public static Future<Vertx> start(String cluster) {
    VertxOptions options = new VertxOptions().setEventBusOptions(new EventBusOptions()
        .setHost(LOOPBACK)
        .setPort(0)
        .setClusterPublicHost(LOOPBACK));
    return Vertx.builder()
        .with(options)
        .withClusterManager(new HazelcastClusterManager(hazelcast(cluster)))
        .buildClustered();
  }

  /** Vert.x's Hazelcast configuration (its maps), on loopback only. */
  public static Config hazelcast(String cluster) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(cluster);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "none");
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.graceful.shutdown.max.wait", "10");
    // The member "127.0.0.1" is looked for on this many ports from the first.
    config.setProperty("hazelcast.tcp.join.port.try.count", Integer.toString(PORTS));
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(FIRST_PORT).setPortAutoIncrement(true).setPortCount(PORTS);
    network.getInterfaces().setEnabled(true).addInterface(LOOPBACK);
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).addMember(LOOPBACK);
    return config;
  }
}
