package dev.gradfit.jobs.redis;

import dev.gradfit.model.redis.RedisServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Redis's {@code MONITOR} on a socket of its own: the commands that clients sent (those a script ran, tagged
 * {@code lua}, left out), so that a test counts the round trips an operation takes.
 */
final class RedisMonitor implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;

    RedisMonitor(RedisServer redis) throws IOException {
        socket = new Socket("localhost", redis.port());
        socket.getOutputStream().write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        if (!"+OK".equals(in.readLine())) {
            throw new IOException("MONITOR was refused");
        }
    }

    /** The commands clients sent since the last call, in lower case, read until none came for 300 ms. */
    List<String> clientCommands() throws IOException {
        List<String> commands = new ArrayList<>();
        socket.setSoTimeout(300);
        try {
            for (String line; (line = in.readLine()) != null; ) {
                // +1700000000.000000 [0 127.0.0.1:5000] "evalsha" "..." ...
                int source = line.indexOf('[');
                int command = line.indexOf("] \"");
                if (source < 0 || command < 0 || line.substring(source, command).contains("lua")) {
                    continue;
                }
                int end = line.indexOf('"', command + 3);
                commands.add(line.substring(command + 3, end).toLowerCase(Locale.ROOT));
            }
        } catch (SocketTimeoutException quiet) {
            // nothing more came
        }
        return commands;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
