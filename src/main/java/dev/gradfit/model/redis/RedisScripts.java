package dev.gradfit.model.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts of the Redis store, one per operation, each prefixed by {@code common.lua}: the key
 * layout and the bookkeeping every script shares. Redis runs a script atomically, so the keys and their
 * index always change together.
 */
final class RedisScripts {

    static final RedisScript<List<Object>> SAVE = list("save");
    static final RedisScript<byte[]> FIND = RedisScript.of(source("find"), byte[].class);
    static final RedisScript<Long> DELETE = RedisScript.of(source("delete"), Long.class);
    static final RedisScript<List<Object>> LIST = list("list");
    static final RedisScript<Long> COUNT = RedisScript.of(source("count"), Long.class);
    static final RedisScript<List<Object>> TOUCH = list("touch");
    static final RedisScript<List<Object>> MISSING = list("missing");

    private RedisScripts() {}

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static RedisScript<List<Object>> list(String name) {
        return RedisScript.of(source(name), (Class) List.class);
    }

    private static String source(String name) {
        return read("common") + "\n" + read(name);
    }

    private static String read(String name) {
        try (InputStream in = RedisScripts.class.getResourceAsStream(name + ".lua")) {
            if (in == null) {
                throw new IllegalStateException("no script " + name + ".lua beside " + RedisScripts.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
