package dev.gradfit.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradfit.web.RawHttp.Request;
import dev.gradfit.web.RawHttp.Response;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a client gets wrong is logged at DEBUG, never at WARN: any client could otherwise fill the log. With
 * gradfit's loggers at DEBUG here, so that the line is seen.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "logging.level.dev.gradfit=debug")
@ExtendWith(OutputCaptureExtension.class)
class ClientErrorLoggingTest {

    @LocalServerPort
    private int port;

    @Test
    void logsAMethodTheRouteDoesNotTakeAtDebug(CapturedOutput output) throws Exception {
        RawHttp http = new RawHttp(port);

        Response propfind = http.send(new Request("PROPFIND", "/api/v1/models", List.of(), null, false));
        Response put = http.send(Request.json("PUT", "/api/v1/models", "{}"));
        Response v2 = http.send(new Request("DELETE", "/v2/health/live", List.of(), null, false));

        assertThat(List.of(propfind.status(), put.status(), v2.status())).containsOnly(405);
        List<String> lines = output.getOut()
                .lines()
                .filter(line -> line.contains("PROPFIND") || line.contains("PUT") || line.contains("DELETE"))
                .toList();
        assertThat(lines).noneMatch(line -> line.contains(" WARN ") || line.contains("ERROR"));
        assertThat(lines).anyMatch(line -> line.contains("DEBUG") && line.contains("PROPFIND"));
    }
}
