import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/**
 * The floor of the HTTP benchmarks: an HTTP server on loopback that reads every request body to its end,
 * keeps none of it and answers 204. Sending a body here costs what any server must pay to receive it.
 *
 * <pre>java bench/DiscardServer.java PORT</pre>
 */
public final class DiscardServer {

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 64);
        server.createContext("/", exchange -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream body = exchange.getRequestBody()) {
                while (body.read(buffer) >= 0) {
                    // thrown away
                }
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }
}
