package dev.gradfit.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.gradfit.web.RawHttp;
import dev.gradfit.web.RawHttp.Request;
import dev.gradfit.web.RawHttp.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every field of every JSON body, and the paging parameters, given values of each wrong kind, against a real
 * server: every refusal speaks gradfit's words, never the parser's token names or a Java class's name.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WrongTypeDetailsTest {

    /** One of each kind of JSON value, nested ones included. */
    private static final List<String> WRONG = List.of(
            "\"x\"",
            "1",
            "-1.5",
            "true",
            "null",
            "[]",
            "[1]",
            "[\"a\"]",
            "[[1,\"a\"]]",
            "[{}]",
            "{}",
            "{\"a\":1}",
            "[[[1]]]",
            "[true]",
            "[null]",
            "[1,[2]]",
            "[{\"a\":1},2]",
            "[[1],2]",
            "1e400");

    private static final List<String> FIT_FIELDS = List.of(
            "x",
            "y",
            "sampleWeights",
            "loss",
            "l1",
            "l2",
            "fitIntercept",
            "learningRate",
            "epochs",
            "initialWeights",
            "optimizer",
            "schedule",
            "batchSize",
            "shuffle",
            "seed",
            "clipNorm",
            "tolerance",
            "patience",
            "earlyStopping",
            "validationFraction",
            "maxDurationMs",
            "snapshotEpochs",
            "returnLearningRates",
            "standardize",
            "parentId",
            "featureNames",
            "targetName");

    /** Fields inside nested objects, each with the object around it. */
    private static final List<String> NESTED = List.of(
            "\"loss\":{\"type\":\"huber\",\"delta\":%s}",
            "\"loss\":{\"type\":%s}",
            "\"optimizer\":{\"type\":\"adam\",\"beta1\":%s}",
            "\"optimizer\":{\"type\":%s}",
            "\"schedule\":{\"type\":\"step\",\"factor\":%s,\"every\":10}",
            "\"schedule\":{\"type\":\"step\",\"factor\":0.5,\"every\":%s}",
            "\"initialWeights\":{\"intercept\":%s,\"coefficients\":[0]}",
            "\"initialWeights\":{\"intercept\":0,\"coefficients\":%s}");

    private static final List<String> OIP = List.of(
            "{\"inputs\":%s}",
            "{\"inputs\":[%s]}",
            "{\"id\":%s,\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP64\",\"data\":[1]}]}",
            "{\"inputs\":[{\"name\":\"x\",\"shape\":%s,\"datatype\":\"FP64\",\"data\":[1]}]}",
            "{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":%s,\"data\":[1]}]}",
            "{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP64\",\"data\":%s}]}",
            "{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP64\",\"data\":[1]}],\"outputs\":%s}",
            "{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP64\",\"data\":[1]}],\"outputs\":[%s]}",
            "{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP64\",\"data\":[1]}],\"parameters\":%s}");

    /** Token names of Jackson, and what a Java type's name looks like in a message. */
    private static final Pattern LIBRARY_WORDS = Pattern.compile(
            "VALUE_|START_|END_|FIELD_NAME|PROPERTY_NAME|NOT_AVAILABLE|[Tt]oken|Exception|java\\.|tools\\.jackson"
                    + "|dev\\.gradfit|\\b(Integer|Long|Double|Boolean|String|Object|List|Map)\\b"
                    + "|\\[[A-Z]|class ");

    @LocalServerPort
    private int port;

    @Test
    void describesEveryWrongTypeInGradfitsWords() throws Exception {
        RawHttp http = new RawHttp(port);
        Response fit = http.send(Request.json("POST", "/api/v1/models", "{\"x\":[1,2,3],\"y\":[2,4,6]}"));
        String model = JsonPath.read(fit.text(), "$.id");
        List<Refusal> refusals = new ArrayList<>();
        for (String value : WRONG) {
            for (String field : FIT_FIELDS) {
                String body = fitBody(field, value);
                refusals.add(check(http, "POST", "/api/v1/models", body));
                refusals.add(check(http, "POST", "/api/v1/jobs", body));
            }
            for (String nested : NESTED) {
                refusals.add(check(
                        http,
                        "POST",
                        "/api/v1/models",
                        "{\"x\":[1,2,3],\"y\":[2,4,6]," + nested.formatted(value) + "}"));
            }
            refusals.add(check(http, "POST", "/api/v1/models/" + model + "/predictions", "{\"x\":" + value + "}"));
            refusals.add(check(
                    http,
                    "POST",
                    "/api/v1/models/" + model + "/predictions",
                    "{\"x\":[1],\"threshold\":" + value + "}"));
            refusals.add(check(http, "POST", "/api/v1/models/" + model + "/fits", fitBody("epochs", value)));
            for (String oip : OIP) {
                refusals.add(check(http, "POST", "/v2/models/" + model + "/infer", oip.formatted(value)));
            }
        }
        for (String page : List.of("x", "1.5", "%5B%5D", "99999999999", "-1", "true")) {
            refusals.add(check(http, "GET", "/api/v1/models?page=" + page, null));
            refusals.add(check(http, "GET", "/api/v1/models?size=" + page, null));
            refusals.add(check(http, "GET", "/api/v1/models/" + model + "/plots/fit.svg?width=" + page, null));
        }
        refusals.removeIf(refusal -> refusal == null);

        assertThat(refusals).hasSizeGreaterThan(500);
        assertThat(refusals)
                .allSatisfy(refusal -> assertThat(
                                LIBRARY_WORDS.matcher(refusal.detail()).find())
                        .as(refusal.toString())
                        .isFalse());
    }

    /** A fit of y = 2x with {@code field} set to {@code value}, or replaced by it. */
    private static String fitBody(String field, String value) {
        StringBuilder body = new StringBuilder("{");
        if (!field.equals("x")) {
            body.append("\"x\":[1,2,3],");
        }
        if (!field.equals("y")) {
            body.append("\"y\":[2,4,6],");
        }
        if (!field.equals("epochs")) {
            body.append("\"epochs\":5,");
        }
        return body.append('"')
                .append(field)
                .append("\":")
                .append(value)
                .append('}')
                .toString();
    }

    private record Refusal(String request, String detail) {}

    /** The detail (or the protocol's error) of a 4xx answer; {@code null} when the request was accepted. */
    private static Refusal check(RawHttp http, String method, String target, String json) throws Exception {
        Response response = json == null
                ? http.send(new Request(method, target, List.of(), null, false))
                : http.send(Request.json(method, target, json));
        assertThat(response.status())
                .as(method + " " + target + " " + json + " -> " + response)
                .isLessThan(500);
        if (response.status() < 400) {
            return null;
        }
        String detail = target.startsWith("/v2")
                ? JsonPath.read(response.text(), "$.error")
                : JsonPath.read(response.text(), "$.detail");
        return new Refusal(method + " " + target + " " + json, detail);
    }
}
