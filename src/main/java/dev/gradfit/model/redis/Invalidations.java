package dev.gradfit.model.redis;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * This replica's subscription to the invalidation channel, on which every replica publishes the ids of
 * models it deleted or evicted, through the shared listener container. Once subscribed, Lettuce reconnects
 * and resubscribes by itself whenever the connection drops; until then (Redis down at start),
 * {@link #subscribe} may be called again.
 */
final class Invalidations implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Invalidations.class);

    private final RedisMessageListenerContainer listeners;
    private final ChannelTopic channel;
    private final MessageListener listener;
    private volatile boolean subscribed;

    /** @param listener receives each message's body, on the thread that received it: it must be quick */
    Invalidations(RedisMessageListenerContainer listeners, String channel, Consumer<byte[]> listener) {
        this.listeners = listeners;
        this.channel = new ChannelTopic(channel);
        this.listener = (message, pattern) -> listener.accept(message.getBody());
    }

    /** Subscribes, unless subscribed already; returns whether it did subscribe now. */
    synchronized boolean subscribe() {
        // Before the container runs, a listener added now would make its start need Redis.
        if (subscribed || !listeners.isRunning()) {
            return false;
        }
        try {
            listeners.addMessageListener(listener, channel);
            subscribed = true;
            return true;
        } catch (RuntimeException e) {
            log.debug("Subscribing to model invalidations failed: {}", e.getMessage());
            unsubscribe();
            return false;
        }
    }

    @Override
    public synchronized void close() {
        if (subscribed) {
            subscribed = false;
            unsubscribe();
        }
    }

    private void unsubscribe() {
        try {
            listeners.removeMessageListener(listener, channel);
        } catch (RuntimeException e) {
            log.debug("Leaving the invalidation channel failed: {}", e.getMessage());
        }
    }
}
