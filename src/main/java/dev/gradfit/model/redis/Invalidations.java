package dev.gradfit.model.redis;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * This replica's subscription to the invalidation channel, on which every replica publishes the ids of
 * models it deleted or evicted. Once subscribed, Lettuce reconnects and resubscribes by itself whenever the
 * connection drops; until then (Redis down at start), {@link #subscribe} may be called again.
 */
final class Invalidations implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Invalidations.class);

    private final RedisConnectionFactory connections;
    private final String channel;
    private final Consumer<byte[]> listener;
    private volatile RedisMessageListenerContainer subscription;

    /** @param listener receives each message's body, on the thread that received it: it must be quick */
    Invalidations(RedisConnectionFactory connections, String channel, Consumer<byte[]> listener) {
        this.connections = connections;
        this.channel = channel;
        this.listener = listener;
    }

    /** Subscribes, unless subscribed already; returns whether it did subscribe now. */
    synchronized boolean subscribe() {
        if (subscription != null) {
            return false;
        }
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        container.setTaskExecutor(Runnable::run);
        container.addMessageListener(
                (message, pattern) -> listener.accept(message.getBody()), new ChannelTopic(channel));
        container.afterPropertiesSet();
        try {
            container.start();
            subscription = container;
            return true;
        } catch (RuntimeException e) {
            stop(container);
            return false;
        }
    }

    @Override
    public void close() {
        RedisMessageListenerContainer listening = subscription;
        if (listening != null) {
            stop(listening);
        }
    }

    private static void stop(RedisMessageListenerContainer container) {
        try {
            container.destroy();
        } catch (Exception e) {
            log.debug("Stopping the invalidation subscription failed", e);
        }
    }
}
