package dev.gradfit.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Lua scripts kept as resources beside the class that runs them, so that each is readable (and testable)
 * on its own. A script is its {@code name.lua} preceded by the folder's {@code common.lua}, when there is
 * one: the key layout and the helpers the folder's scripts share. {@link RedisScript} runs them by their
 * SHA1 (EVALSHA), sending the source only the first time a Redis sees it.
 *
 * <p>A script that opens with a shebang ({@code #!lua}, Redis 7) keeps it as its first line, ahead of the
 * common part. Its flags say how a Redis at {@code maxmemory} treats it: a bare {@code #!lua} may write,
 * so such a Redis refuses it before it runs (OOM), as it refuses a plain write; {@code flags=allow-oom}
 * runs it anyway, for scripts that only change or remove what is there. A script without a shebang is
 * refused only at its first growing write, and runs on once it has written anything.
 */
public final class LuaScripts {

    private LuaScripts() {}

    /** The script {@code name.lua} beside {@code anchor}, replying {@code type} (Long, byte[], Boolean). */
    public static <T> RedisScript<T> of(Class<?> anchor, String name, Class<T> type) {
        return RedisScript.of(source(anchor, name), type);
    }

    /** The script {@code name.lua} beside {@code anchor}, replying an array (of strings, integers, arrays). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static RedisScript<List<Object>> list(Class<?> anchor, String name) {
        return RedisScript.of(source(anchor, name), (Class) List.class);
    }

    private static String source(Class<?> anchor, String name) {
        String common = read(anchor, "common", false);
        String own = read(anchor, name, true);
        if (common == null) {
            return own;
        }
        if (own.startsWith("#!")) {
            int end = own.indexOf('\n');
            return own.substring(0, end + 1) + common + "\n" + own.substring(end + 1);
        }
        return common + "\n" + own;
    }

    private static String read(Class<?> anchor, String name, boolean required) {
        try (InputStream in = anchor.getResourceAsStream(name + ".lua")) {
            if (in == null) {
                if (required) {
                    throw new IllegalStateException("no script " + name + ".lua beside " + anchor.getName());
                }
                return null;
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
