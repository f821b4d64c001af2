package dev.gradfit.api;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.memory.rounding.SegmentRoundingPolicy;
import org.apache.arrow.memory.unsafe.UnsafeAllocationManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Arrow memory of Arrow fits: one root allocator on {@code sun.misc.Unsafe} (no Netty), closed with the
 * application; each request reads within a child of it with a limit of its own, and charges what it holds
 * there to its share of gradfit.http.max-in-flight-bytes.
 */
@Configuration(proxyBeanMethods = false)
class ArrowConfig {

    @Bean(destroyMethod = "close")
    BufferAllocator arrowMemory() {
        return new RootAllocator(RootAllocator.configBuilder()
                .allocationManagerFactory(UnsafeAllocationManager.FACTORY)
                // Record batch bodies are kept as they arrive: rounded up to 4 KB, not to a power of two.
                .roundingPolicy(new SegmentRoundingPolicy(4096L))
                .build());
    }
}
