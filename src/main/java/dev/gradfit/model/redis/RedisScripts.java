package dev.gradfit.model.redis;

import dev.gradfit.redis.LuaScripts;
import java.util.List;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts of the Redis store, one per operation, each prefixed by {@code common.lua}: the key
 * layout and the bookkeeping every script shares. Redis runs a script atomically, so the keys and their
 * index always change together.
 */
final class RedisScripts {

    static final RedisScript<List<Object>> SAVE = LuaScripts.list(RedisScripts.class, "save");
    static final RedisScript<byte[]> FIND = LuaScripts.of(RedisScripts.class, "find", byte[].class);
    static final RedisScript<Long> DELETE = LuaScripts.of(RedisScripts.class, "delete", Long.class);
    static final RedisScript<List<Object>> LIST = LuaScripts.list(RedisScripts.class, "list");
    static final RedisScript<Long> COUNT = LuaScripts.of(RedisScripts.class, "count", Long.class);
    static final RedisScript<List<Object>> TOUCH = LuaScripts.list(RedisScripts.class, "touch");
    static final RedisScript<List<Object>> MISSING = LuaScripts.list(RedisScripts.class, "missing");

    private RedisScripts() {}
}
