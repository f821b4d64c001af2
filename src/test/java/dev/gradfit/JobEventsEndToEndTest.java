package dev.gradfit;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.gradfit.JobClient.Event;
import dev.gradfit.JobClient.EventStream;
import dev.gradfit.web.RawHttp;
import dev.gradfit.web.RawHttp.Request;
import dev.gradfit.web.RawHttp.Response;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A job's Server-Sent Events over a real server, read with java.net.http as a client would: progress, then
 * exactly one end; replay after Last-Event-ID; a late client. Same settings as {@link JobsEndToEndTest}, so
 * the two share one application.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"gradfit.jobs.workers=2", "gradfit.jobs.progress-interval=20ms"})
@Timeout(180)
class JobEventsEndToEndTest {

    @LocalServerPort
    private int port;

    private JobClient client;

    @BeforeEach
    void client() {
        client = new JobClient(port);
    }

    /** A job that runs long enough for several progress events: 2000 points, 50000 epochs of logistic loss. */
    private String aFewSecondsJob() throws Exception {
        return client.submit(client.longBody(2000).replace("\"epochs\":1000000", "\"epochs\":50000"));
    }

    private static void assertIdsRise(List<Event> events) {
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).id()).isGreaterThan(events.get(i - 1).id());
        }
    }

    @Test
    void streamsProgressThenExactlyOneEndWithRisingIds() throws Exception {
        String job = aFewSecondsJob();

        EventStream stream = client.events(job, null, Integer.MAX_VALUE);

        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.contentType()).startsWith("text/event-stream");
        List<Event> events = stream.events();
        assertThat(events).hasSizeGreaterThanOrEqualTo(2);
        assertThat(events.subList(0, events.size() - 1))
                .allSatisfy(event -> assertThat(event.name()).isEqualTo("progress"));
        Event end = events.get(events.size() - 1);
        assertThat(end.name()).isEqualTo("succeeded");
        assertThat(events.stream().filter(Event::isEnd)).hasSize(1);
        assertIdsRise(events);
        // The first progress is the initial weights; progress runs forward; the end is the job body.
        JsonNode first = events.get(0).data();
        if (events.get(0).id() == 1) {
            assertThat(first.get("epoch").asInt()).isZero();
            assertThat(first.get("learningRate").asDouble()).isEqualTo(0.1);
        }
        assertThat(first.at("/weights/coefficients").size()).isEqualTo(1);
        for (int i = 1; i < events.size() - 1; i++) {
            assertThat(events.get(i).data().get("epoch").asInt())
                    .isGreaterThan(events.get(i - 1).data().get("epoch").asInt());
        }
        assertThat(end.data().get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(end.data().get("modelId").asString()).isNotBlank();
        assertThat(end.data().get("epoch").asInt()).isEqualTo(50000);
        assertThat(end.data()).isEqualTo(client.get(job));
    }

    @Test
    void sendsAClientThatReconnectsWithLastEventIdOnlyWhatCameAfter() throws Exception {
        // A million epochs: the job runs far longer than the three connections take, until it is canceled.
        String job = client.submit(client.longBody(2000));
        List<Event> before = client.events(job, null, 2).events();
        long seen = before.get(1).id();

        List<Event> after = client.events(job, seen, 2).events();
        client.send("POST", job + "/cancel", null);
        List<Event> rest =
                client.events(job, after.get(1).id(), Integer.MAX_VALUE).events();

        assertThat(before).extracting(Event::name).containsExactly("progress", "progress");
        assertThat(after).allSatisfy(event -> assertThat(event.id()).isGreaterThan(seen));
        assertIdsRise(after);
        assertThat(rest)
                .allSatisfy(event ->
                        assertThat(event.id()).isGreaterThan(after.get(1).id()));
        assertIdsRise(rest);
        Event end = rest.get(rest.size() - 1);
        assertThat(end.name()).isEqualTo("canceled");
        assertThat(rest.stream().filter(Event::isEnd)).hasSize(1);
        assertThat(end.data().get("status").asString()).isEqualTo("CANCELED");
        assertThat(end.data().has("modelId")).isFalse();
    }

    @Test
    void sendsAClientThatComesAfterTheEndTheEndAtOnce() throws Exception {
        String job = client.submit("{\"x\":[1,2,3],\"y\":[2,4,6],\"epochs\":10}");
        client.awaitStatus(job, "SUCCEEDED");

        List<Event> events = client.events(job, null, Integer.MAX_VALUE).events();
        Event end = events.get(events.size() - 1);
        EventStream afterTheEnd = client.events(job, end.id(), Integer.MAX_VALUE);
        List<Event> fromTheLastProgress =
                client.events(job, end.id() - 1, Integer.MAX_VALUE).events();

        // The stream ends by itself once the end is sent: the client is not kept waiting.
        assertThat(end.name()).isEqualTo("succeeded");
        assertThat(events.stream().filter(Event::isEnd)).hasSize(1);
        assertThat(fromTheLastProgress).extracting(Event::id).containsExactly(end.id());
        // One that has seen the end is told there is no more, so that EventSource stops reconnecting.
        assertThat(afterTheEnd.status()).isEqualTo(204);
        assertThat(afterTheEnd.events()).isEmpty();
    }

    @ParameterizedTest(name = "Last-Event-ID: {0}")
    @ValueSource(strings = {"999999999999999999999999999999", "9223372036854775808", "-1", "+3", "1.0", "abc", "0x10"})
    void refusesALastEventIdThatIsNoEventIdNamingTheHeader(String lastEventId) throws Exception {
        String job = client.submit("{\"x\":[1,2,3],\"y\":[2,4,6],\"epochs\":10}");
        client.awaitStatus(job, "SUCCEEDED");
        RawHttp http = new RawHttp(port);
        List<String[]> header = List.<String[]>of(new String[] {"Last-Event-ID", lastEventId});

        Response refused = http.send(new Request("GET", job + "/events", header, null, false));
        Response beyond = http.send(new Request(
                "GET", job + "/events", List.<String[]>of(new String[] {"Last-Event-ID", "99999999"}), null, false));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(JsonPath.<String>read(refused.text(), "$.errors[0].field")).isEqualTo("Last-Event-ID");
        assertThat(JsonPath.<String>read(refused.text(), "$.errors[0].reason"))
                .isEqualTo("must be the id of an event of this stream: a whole number from 0 to 9223372036854775807");
        assertThat(beyond.status()).as(beyond.toString()).isEqualTo(204);
    }
}
