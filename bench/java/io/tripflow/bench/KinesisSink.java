package io.tripflow.bench;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

/**
 * A Kinesis endpoint (JSON protocol) that accepts every PutRecords entry at once and keeps nothing:
 * benchmark 6 measures the file intake's own cost with it, since kinesis-local takes about 150
 * records a second. Any other call is refused; the intake makes none.
 */
final class KinesisSink implements AutoCloseable {

    private static final String AMZ_JSON = "application/x-amz-json-1.1";
    private static final String ACCEPTED = "{\"SequenceNumber\":\"1\",\"ShardId\":\"shardId-000000000000\"}";

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    final AtomicLong records = new AtomicLong();

    KinesisSink() throws InterruptedException, ExecutionException {
        server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
    }

    String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            if (!"Kinesis_20131202.PutRecords".equals(request.getHeader("X-Amz-Target"))) {
                request.response().setStatusCode(400).putHeader("Content-Type", AMZ_JSON)
                        .end("{\"__type\":\"UnknownOperationException\",\"message\":\"the sink takes PutRecords only\"}");
                return;
            }
            int entries = count(body.toString(), "\"PartitionKey\"");
            records.addAndGet(entries);
            StringBuilder reply = new StringBuilder("{\"FailedRecordCount\":0,\"Records\":[");
            for (int i = 0; i < entries; i++) {
                reply.append(i == 0 ? "" : ",").append(ACCEPTED);
            }
            request.response().putHeader("Content-Type", AMZ_JSON).end(Buffer.buffer(reply.append("]}").toString()));
        });
    }

    /** Entries' data is base64, so the key name occurs once per entry and nowhere else. */
    private static int count(String text, String needle) {
        int n = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
            n++;
        }
        return n;
    }

    @Override
    public void close() {
        vertx.close();
    }
}
