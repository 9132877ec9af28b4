package io.tripflow.bench;

import java.net.URI;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

/**
 * A minimal DynamoDB endpoint for benchmark 1: UpdateItem and Query on the trip table are answered
 * after a fixed delay with an empty result, as a store 10 ms away would answer; every other call
 * (KCL's lease tables) is forwarded to the real DynamoDB Local. It isolates the pipeline from the
 * emulator's own throughput ceiling; labelled as such in the results.
 *
 * <p>It runs on a Vert.x event loop with timers rather than a thread sleeping per request: on 2
 * cores the stand-in for a remote store should take as little of the pipeline's CPU as it can.
 */
final class DelayedTripStore implements AutoCloseable {

    private static final Set<String> ANSWERED = Set.of("DynamoDB_20120810.UpdateItem", "DynamoDB_20120810.Query");
    private static final Buffer UPDATE_REPLY = Buffer.buffer("{\"Attributes\":{}}");
    private static final Buffer QUERY_REPLY = Buffer.buffer("{\"Count\":0,\"Items\":[],\"ScannedCount\":0}");
    private static final String AMZ_JSON = "application/x-amz-json-1.0";

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient forward;
    private final HttpServer server;
    private final String tripTableMarker;
    private final long delayMillis;
    final AtomicLong answered = new AtomicLong();

    /** @param tripTablePrefix calls on tables named so are answered here; the rest is forwarded */
    DelayedTripStore(String dynamoDbUrl, String tripTablePrefix, long delayMillis) throws InterruptedException, ExecutionException {
        URI target = URI.create(dynamoDbUrl);
        this.tripTableMarker = "\"TableName\":\"" + tripTablePrefix;
        this.delayMillis = delayMillis;
        forward = vertx.createHttpClient(new HttpClientOptions()
                .setDefaultHost(target.getHost()).setDefaultPort(target.getPort()).setMaxPoolSize(32));
        server = vertx.createHttpServer().requestHandler(this::handle)
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
    }

    String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            String operation = request.getHeader("X-Amz-Target");
            if (operation != null && ANSWERED.contains(operation) && body.toString().contains(tripTableMarker)) {
                vertx.setTimer(delayMillis, timer -> {
                    answered.incrementAndGet();
                    request.response().putHeader("Content-Type", AMZ_JSON)
                            .end(operation.endsWith("Query") ? QUERY_REPLY : UPDATE_REPLY);
                });
            } else {
                forward(request, body);
            }
        });
    }

    private void forward(HttpServerRequest request, Buffer body) {
        forward.request(request.method(), request.uri())
                .compose(call -> {
                    call.headers().addAll(request.headers()).remove("Host").remove("Content-Length");
                    return call.send(body);
                })
                .compose(reply -> reply.body().map(replyBody -> {
                    request.response().setStatusCode(reply.statusCode());
                    for (String header : new String[] {"Content-Type", "x-amzn-RequestId"}) {
                        if (reply.getHeader(header) != null) {
                            request.response().putHeader(header, reply.getHeader(header));
                        }
                    }
                    return replyBody;
                }))
                .onSuccess(replyBody -> request.response().end(replyBody))
                .onFailure(e -> request.response().setStatusCode(500).putHeader("Content-Type", AMZ_JSON).end("{}"));
    }

    @Override
    public void close() {
        vertx.close();
    }
}
