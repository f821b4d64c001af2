package dev.gradfit.jobs.redis;

import dev.gradfit.redis.LuaScripts;
import java.util.List;
import org.springframework.data.redis.core.script.RedisScript;

/** The Lua scripts of jobs on Redis, one per change, each a resource beside this class; run by EVALSHA. */
final class JobScripts {

    static final RedisScript<Long> CREATE = integer("create");
    static final RedisScript<List<Object>> START = LuaScripts.list(JobScripts.class, "start");
    static final RedisScript<Long> PROGRESS = integer("progress");
    static final RedisScript<List<Object>> CANCEL = LuaScripts.list(JobScripts.class, "cancel");
    static final RedisScript<List<Object>> COMPLETE = LuaScripts.list(JobScripts.class, "complete");
    static final RedisScript<Long> MIGRATE = integer("migrate");
    static final RedisScript<Long> DELETE = integer("delete");
    static final RedisScript<Long> PRUNE = integer("prune");
    static final RedisScript<List<Object>> LIST = LuaScripts.list(JobScripts.class, "list");

    static final RedisScript<Long> GROUP = integer("group");
    static final RedisScript<Long> OFFER = integer("offer");
    static final RedisScript<Long> SUBMIT = integer("submit");
    static final RedisScript<List<Object>> ORPHANS = LuaScripts.list(JobScripts.class, "orphans");
    static final RedisScript<Long> DELIVERED = integer("delivered");
    static final RedisScript<List<Object>> CLAIM = LuaScripts.list(JobScripts.class, "claim");
    static final RedisScript<Long> WITHDRAW = integer("withdraw");
    static final RedisScript<List<Object>> RENEW = LuaScripts.list(JobScripts.class, "renew");
    static final RedisScript<Long> ACKNOWLEDGE = integer("acknowledge");

    static final RedisScript<Long> APPEND = integer("append");
    static final RedisScript<List<Object>> EVENTS = LuaScripts.list(JobScripts.class, "events");

    private JobScripts() {}

    private static RedisScript<Long> integer(String name) {
        return LuaScripts.of(JobScripts.class, name, Long.class);
    }
}
