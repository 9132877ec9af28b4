package io.tripflow.localstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** tripflow's management endpoints (health, metrics) as the tests read them: on loopback, 200 expected. */
public final class ManagementHttp {

    private ManagementHttp() {
    }

    public static String get(int port, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response.body();
    }

    /** A port nobody listens on right now, for a process to be started on. */
    public static int freePort() {
        return LocalAwsStack.freePort();
    }
}
