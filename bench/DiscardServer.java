import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/**
 * The floor of an HTTP upload: a server on loopback that reads each request body to its end, keeps none of
 * it and answers 204. What a body costs to send here, any server pays to receive it.
 *
 * <pre>java bench/DiscardServer.java PORT</pre>
 */
public final class DiscardServer {

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 16);
        server.createContext("/", exchange -> {
            byte[] buffer = new byte[1 << 16];
            try (InputStream body = exchange.getRequestBody()) {
                while (body.read(buffer) >= 0) {
                    // dropped
                }
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
    }
}
