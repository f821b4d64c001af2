import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

/**
 * The floor of the prediction benchmarks: the embedded Tomcat that gradfit runs on (its jars, taken from
 * gradfit's own jar), with one servlet and nothing else, set up as gradfit sets its connector (10000 requests a
 * connection). A POST to /api/v1/models answers 201 with a Location, so that bench/wrk-compare.sh can treat it
 * as a server with a model; every other request has its body read and gets the same 84-byte JSON prediction.
 *
 * <pre>java -cp 'target/bench/tomcat/*' bench/TomcatFloor.java PORT</pre>
 */
public final class TomcatFloor {

    public static void main(String[] args) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setPort(Integer.parseInt(args[0]));
        tomcat.setBaseDir(new File(System.getProperty("java.io.tmpdir"), "tomcat-floor").getAbsolutePath());
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        tomcat.getConnector().setProperty("maxKeepAliveRequests", "10000");
        Context context = tomcat.addContext("", new File(".").getAbsolutePath());
        byte[] prediction = "{\"modelId\":\"00000000-0000-4000-8000-000000000000\",\"predictions\":[8.999999999999996]}"
                .getBytes(StandardCharsets.UTF_8);
        Tomcat.addServlet(context, "floor", new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                request.getInputStream().readAllBytes();
                if ("POST".equals(request.getMethod()) && request.getRequestURI().equals("/api/v1/models")) {
                    response.setStatus(201);
                    response.setHeader("Location", "/api/v1/models/00000000-0000-4000-8000-000000000000");
                    return;
                }
                response.setContentType("application/json");
                response.setContentLength(prediction.length);
                response.getOutputStream().write(prediction);
            }
        });
        context.addServletMappingDecoded("/*", "floor");
        tomcat.start();
        tomcat.getServer().await();
    }
}
