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
 * there to its share of gradfit.http.max-in-flight-bytes. Its getAllocatedMemory() is 0 between requests:
 * the Arrow tests check it after every request, refused or not.
 */
@Configuration(proxyBeanMethods = false)
class ArrowConfig {

    @Bean(destroyMethod = "close")
    BufferAllocator arrowMemory() {
        return new RootAllocator(RootAllocator.configBuilder()
                .allocationManagerFactory(UnsafeAllocationManager.FACTORY)
                // A record batch's body and a column's chunk take their size rounded up to 4 KB, not to a
                // power of two: a read's memory stays close to its stream.
                .roundingPolicy(new SegmentRoundingPolicy(4096L))
                .build());
    }
}
