package io.tripflow.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A minimal DynamoDB endpoint for benchmark 1: UpdateItem and Query on the trip table are answered
 * after a fixed delay with an empty result, as a store 10 ms away would answer; every other call
 * (KCL's lease tables) is forwarded to the real DynamoDB Local. It isolates the pipeline from the
 * emulator's own throughput ceiling; labelled as such in the results.
 */
final class DelayedTripStore implements AutoCloseable {

    private static final Set<String> ANSWERED = Set.of("DynamoDB_20120810.UpdateItem", "DynamoDB_20120810.Query");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(256);
    private final HttpClient forward = HttpClient.newBuilder().executor(threads).build();
    private final URI target;
    private final String tripTablePrefix;
    private final long delayMillis;
    final AtomicLong answered = new AtomicLong();

    /** @param tripTablePrefix calls on tables named so are answered here; the rest is forwarded */
    DelayedTripStore(String dynamoDbUrl, String tripTablePrefix, long delayMillis) throws IOException {
        this.target = URI.create(dynamoDbUrl);
        this.tripTablePrefix = tripTablePrefix;
        this.delayMillis = delayMillis;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String operation = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        boolean tripTableCall = new String(body, StandardCharsets.UTF_8).contains("\"TableName\":\"" + tripTablePrefix);
        if (operation != null && ANSWERED.contains(operation) && tripTableCall) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answered.incrementAndGet();
            reply(exchange, 200, operation.endsWith("Query") ? "{\"Count\":0,\"Items\":[],\"ScannedCount\":0}" : "{\"Attributes\":{}}");
            return;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!Set.of("host", "content-length", "connection", "expect").contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            HttpResponse<byte[]> response = forward.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().firstValue("content-type").ifPresent(type -> exchange.getResponseHeaders().add("Content-Type", type));
            response.headers().firstValue("x-amzn-requestid").ifPresent(id -> exchange.getResponseHeaders().add("x-amzn-RequestId", id));
            exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply(exchange, 500, "{}");
        }
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
