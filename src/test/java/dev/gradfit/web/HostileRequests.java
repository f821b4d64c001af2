package dev.gradfit.web;

import dev.gradfit.web.RawHttp.Request;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Random requests to every endpoint, from one seed each: well-formed ones, broken ones and everything
 * between. Only the body may hold arbitrary bytes; the request line and headers stay within what HTTP
 * allows on the wire, so that what is tested is the service rather than the socket.
 */
final class HostileRequests {

    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE"};
    private static final String[] CONTENT_TYPES = {
        "application/json",
        "application/json; charset=utf-8",
        "application/json; charset=klingon",
        "application/problem+json",
        "text/plain",
        "application/xml",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=xyz",
        "*/*",
        "garbage",
        "application/json;;;=",
    };
    private static final String[] ACCEPTS = {
        "*/*", "application/json", "application/problem+json", "text/html", "application/xml", "garbage/;;", "image/png"
    };
    private static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
    private static final String JSON_NOISE = "{}[],:\"\\ 0123456789eE.+-ntfaNIy\u00e9\u0000\u001f";

    private final SplittableRandom random;
    private final String modelId;

    /** @param modelId a model that exists, so that some requests reach a real one */
    HostileRequests(long seed, String modelId) {
        this.random = new SplittableRandom(seed);
        this.modelId = modelId;
    }

    Request next() {
        String method = pick(METHODS);
        List<String[]> headers = new ArrayList<>();
        if (random.nextInt(5) > 0) {
            headers.add(new String[] {"Content-Type", pick(CONTENT_TYPES)});
        }
        if (random.nextBoolean()) {
            headers.add(new String[] {"Accept", pick(ACCEPTS)});
        }
        if (random.nextInt(4) == 0) {
            headers.add(new String[] {"X-Request-Id", printable(random.nextInt(1, 120))});
        }
        for (int i = random.nextInt(3); i > 0; i--) {
            headers.add(new String[] {"X-Fuzz-" + i, printable(random.nextInt(0, 200))});
        }
        byte[] body = random.nextInt(6) == 0 ? null : body();
        return new Request(method, path(), headers, body, body != null && random.nextInt(4) == 0);
    }

    private String path() {
        String id = switch (random.nextInt(6)) {
            case 0, 1 -> modelId;
            case 2 -> new UUID(random.nextLong(), random.nextLong()).toString();
            case 3 -> segment(random.nextInt(0, 40));
            case 4 -> percentEncoded(random.nextInt(1, 20));
            default -> segment(random.nextInt(200, 3000));
        };
        String path = switch (random.nextInt(12)) {
            case 0, 1, 2 -> "/api/v1/models";
            case 3, 4 -> "/api/v1/models/" + id;
            case 5, 6, 7 -> "/api/v1/models/" + id + "/predictions";
            case 8 ->
                pick(new String[] {"/actuator/health", "/actuator/info", "/actuator/prometheus", "/actuator/env"});
            case 9 -> pick(new String[] {"/v3/api-docs", "/", "/api", "/api/v1", "/api/v2/models", "/error"});
            case 10 -> "/" + segment(random.nextInt(1, 30)) + "/" + percentEncoded(random.nextInt(1, 5));
            default -> "/api/v1/models/" + id + "/" + segment(random.nextInt(1, 10));
        };
        if (random.nextInt(5) == 0) {
            path += "?page=" + pick(new String[] {"-1", "0", "99999999999", "abc", "1e3", ""}) + "&size="
                    + pick(new String[] {"0", "1", "1001", "-5", "x", "2147483648"});
        }
        return path;
    }

    private byte[] body() {
        String json = switch (random.nextInt(7)) {
            case 0 -> fitBody();
            case 1 -> "{\"x\":" + array(random.nextInt(0, 6)) + "}";
            case 2 -> mutate(fitBody());
            case 3 -> mutate("{\"x\":" + array(random.nextInt(0, 6)) + "}");
            case 4 -> value(random.nextInt(1, 60));
            case 5 -> null;
            default -> mutate(mutate(fitBody()));
        };
        if (json == null) {
            byte[] bytes = new byte[random.nextInt(0, 2000)];
            random.nextBytes(bytes);
            return bytes;
        }
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private String fitBody() {
        int points = random.nextInt(1, 30);
        int features = random.nextInt(1, 4);
        StringBuilder x = new StringBuilder("[");
        StringBuilder y = new StringBuilder("[");
        for (int i = 0; i < points; i++) {
            x.append(i > 0 ? "," : "").append(features == 1 ? number() : array(features));
            y.append(i > 0 ? "," : "").append(number());
        }
        String body = "{\"x\":" + x + "],\"y\":" + y + "]";
        if (random.nextBoolean()) {
            body += ",\"learningRate\":" + pick(new String[] {"0.01", "0", "-1", "1e308", "1e-320", "10", "\"NaN\""});
        }
        if (random.nextBoolean()) {
            body += ",\"epochs\":" + pick(new String[] {"1", "0", "-3", "100", "1.5", "99999999999", "\"100\""});
        }
        return body + "}";
    }

    private String array(int length) {
        StringBuilder array = new StringBuilder("[");
        for (int i = 0; i < length; i++) {
            array.append(i > 0 ? "," : "").append(number());
        }
        return array.append(']').toString();
    }

    private String number() {
        return switch (random.nextInt(10)) {
            case 0 -> pick(new String[] {"1e400", "-1e400", "1e-400", "-0", "\"NaN\"", "null", "true", "\"1\""});
            case 1 -> Long.toString(random.nextLong());
            default -> Double.toString(random.nextDouble(-100, 100));
        };
    }

    /** Any JSON value, nested up to {@code depth}. */
    private String value(int depth) {
        int kind = depth <= 1 ? random.nextInt(4) : random.nextInt(6);
        return switch (kind) {
            case 0 -> number();
            case 1 ->
                "\"" + printable(random.nextInt(0, 20)).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            case 2 -> pick(new String[] {"null", "true", "false"});
            case 3 -> "[]";
            case 4 -> "[" + value(depth - 1) + (random.nextBoolean() ? "," + value(depth - 1) : "") + "]";
            default ->
                "{\"" + pick(new String[] {"x", "y", "epochs", "learningRate", "initialWeights", "zz"}) + "\":"
                        + value(depth - 1) + "}";
        };
    }

    /** Cuts, drops, inserts or repeats characters of {@code json}. */
    private String mutate(String json) {
        if (json.isEmpty()) {
            return json;
        }
        int at = random.nextInt(json.length());
        return switch (random.nextInt(4)) {
            case 0 -> json.substring(0, at);
            case 1 -> json.substring(0, at) + json.substring(at + 1);
            case 2 ->
                json.substring(0, at) + JSON_NOISE.charAt(random.nextInt(JSON_NOISE.length())) + json.substring(at);
            default ->
                json.substring(0, at)
                        + json.substring(at, Math.min(json.length(), at + 10)).repeat(3)
                        + json.substring(at);
        };
    }

    private String segment(int length) {
        StringBuilder segment = new StringBuilder();
        for (int i = 0; i < length; i++) {
            segment.append(UNRESERVED.charAt(random.nextInt(UNRESERVED.length())));
        }
        return segment.toString();
    }

    private String percentEncoded(int bytes) {
        StringBuilder encoded = new StringBuilder();
        for (int i = 0; i < bytes; i++) {
            encoded.append('%').append(String.format("%02X", random.nextInt(256)));
        }
        return encoded.toString();
    }

    /** Visible ASCII and spaces: what a header value may hold. */
    private String printable(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append((char) random.nextInt(0x20, 0x7f));
        }
        return text.toString().strip();
    }

    private String pick(String[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}
