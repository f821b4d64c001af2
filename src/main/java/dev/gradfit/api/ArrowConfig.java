package dev.gradfit.api;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.memory.unsafe.UnsafeAllocationManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Arrow memory of Arrow fits: one root allocator on {@code sun.misc.Unsafe} (no Netty), closed with the
 * application; each request reads within a child of it with a limit of its own.
 */
@Configuration(proxyBeanMethods = false)
class ArrowConfig {

    @Bean(destroyMethod = "close")
    BufferAllocator arrowMemory() {
        return new RootAllocator(RootAllocator.configBuilder()
                .allocationManagerFactory(UnsafeAllocationManager.FACTORY)
                .build());
    }
}
