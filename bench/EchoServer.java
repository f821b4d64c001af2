import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.Executors;

/**
 * The floor of an answer: an HTTP server on loopback that reads every request body to its end, keeps none of
 * it, and writes back as many bytes as the query's {@code bytes} asks (digits and commas, from a 64 KiB buffer,
 * with a Content-Length). Any server must pay this to receive a body and send an answer of that size.
 *
 * <pre>java bench/EchoServer.java PORT</pre>
 */
public final class EchoServer {

    public static void main(String[] args) throws Exception {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) '7');
        for (int i = 17; i < chunk.length; i += 18) {
            chunk[i] = ',';
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 64);
        server.createContext("/", exchange -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream body = exchange.getRequestBody()) {
                while (body.read(buffer) >= 0) {
                    // thrown away
                }
            }
            String query = exchange.getRequestURI().getQuery();
            long bytes = query != null && query.startsWith("bytes=") ? Long.parseLong(query.substring(6)) : 0;
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes == 0 ? -1 : bytes);
            try (OutputStream out = exchange.getResponseBody()) {
                for (long left = bytes; left > 0; left -= chunk.length) {
                    out.write(chunk, 0, (int) Math.min(left, chunk.length));
                }
            }
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }
}
