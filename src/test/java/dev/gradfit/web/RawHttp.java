package dev.gradfit.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 client on a bare socket, for requests that well-behaved clients refuse to send: any method,
 * any header (Content-Length and Transfer-Encoding included), bytes that are not UTF-8, chunked bodies.
 * One request per connection ({@code Connection: close}); the body is written from a second thread, so
 * that an answer sent before the body is read (a 413) is still seen.
 */
public final class RawHttp {

    private static final int TIMEOUT_MILLIS = 60_000;

    private final int port;

    public RawHttp(int port) {
        this.port = port;
    }

    /** A request; {@code headers} are sent as given, after Host and Connection. */
    public record Request(String method, String target, List<String[]> headers, byte[] body, boolean chunked) {

        public static Request json(String method, String target, String json) {
            List<String[]> headers = new ArrayList<>();
            headers.add(new String[] {"Content-Type", "application/json"});
            return new Request(method, target, headers, json.getBytes(StandardCharsets.UTF_8), false);
        }
    }

    /** A response; header names are lower-cased. */
    public record Response(int status, Map<String, String> headers, byte[] body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + text();
        }
    }

    public Response send(Request request) throws IOException, InterruptedException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            Thread writer = new Thread(() -> write(socket, request), "raw-http-writer");
            writer.setDaemon(true);
            writer.start();
            byte[] raw = socket.getInputStream().readAllBytes();
            writer.join(TIMEOUT_MILLIS);
            return parse(raw);
        }
    }

    private static void write(Socket socket, Request request) {
        try {
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder();
            head.append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n");
            head.append("Host: localhost\r\nConnection: close\r\n");
            boolean lengthGiven = false;
            for (String[] header : request.headers()) {
                head.append(header[0]).append(": ").append(header[1]).append("\r\n");
                lengthGiven |=
                        header[0].equalsIgnoreCase("Content-Length") || header[0].equalsIgnoreCase("Transfer-Encoding");
            }
            byte[] body = request.body() == null ? new byte[0] : request.body();
            if (request.chunked()) {
                head.append("Transfer-Encoding: chunked\r\n");
            } else if (!lengthGiven && request.body() != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (request.chunked()) {
                for (int offset = 0; offset < body.length; offset += 8192) {
                    int length = Math.min(8192, body.length - offset);
                    out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body, offset, length);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } else {
                out.write(body);
            }
            out.flush();
            // Half-close, so that a server waiting for more body than was sent sees the end instead.
            socket.shutdownOutput();
        } catch (IOException closedEarly) {
            // The server answered and closed before reading everything: the answer is what counts.
        }
    }

    private static Response parse(byte[] raw) throws IOException {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (end < 0) {
            throw new IOException("no complete HTTP response head in " + raw.length + " bytes");
        }
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.merge(
                    lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim(),
                    (a, b) -> a + ", " + b);
        }
        byte[] rest = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        boolean chunked = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"));
        return new Response(status, headers, chunked ? dechunk(rest) : rest);
    }

    private static byte[] dechunk(byte[] data) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        InputStream in = new java.io.ByteArrayInputStream(data);
        while (true) {
            String sizeLine = readLine(in);
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        if (c < 0 && line.isEmpty()) {
            throw new IOException("chunked body ended early");
        }
        return line.toString();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
