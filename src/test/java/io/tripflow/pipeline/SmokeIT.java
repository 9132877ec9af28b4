package io.tripflow.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.tripflow.TripflowApplication;
import io.tripflow.localstack.TestStack;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SmokeIT {

    @Test
    void storesATrip() throws Exception {
        Map<String, String> settings = TestStack.freshResources("smoke");
        var clients = TestStack.clients();
        TripflowApplication app = new TripflowApplication(settings);
        long t0 = System.currentTimeMillis();
        CamelContext camel = app.start();
        System.out.println("started in " + (System.currentTimeMillis() - t0));
        try {
            clients.kinesis().putRecord(b -> b.streamName(settings.get("tripflow.streams.trip-start")).partitionKey("0487037833")
                    .data(SdkBytes.fromString("{\"trip_id\":\"0487037833\",\"pickup_datetime\":\"2024-05-25 13:19:00\",\"estimated_dropoff_datetime\":\"2024-05-25 14:03:00\",\"estimated_fare_amount\":34.18595283806629,\"pickup_location_id\":93,\"dropoff_location_id\":93,\"vendor_id\":1}", StandardCharsets.UTF_8)));
            clients.kinesis().putRecord(b -> b.streamName(settings.get("tripflow.streams.trip-end")).partitionKey("0487037833")
                    .data(SdkBytes.fromString("{\"trip_id\":\"0487037833\",\"dropoff_datetime\":\"2024-05-25 14:05:00\",\"fare_amount\":40.09620692463166,\"tip_amount\":0.0,\"trip_distance\":0.1,\"rate_code\":null}", StandardCharsets.UTF_8)));
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
                var item = clients.dynamoDb().getItem(b -> b.tableName(settings.get("tripflow.trips.table"))
                        .key(Map.of("trip_id", AttributeValue.fromS("0487037833")))).item();
                return item.containsKey("trip_status");
            });
            System.out.println("stored after " + (System.currentTimeMillis() - t0));
            String kpi = camel.createProducerTemplate().requestBodyAndHeader("direct:daily-kpi", null, "TripflowKpiDate",
                    java.time.LocalDate.parse("2024-05-25"), String.class);
            System.out.println(kpi);
            var obj = clients.s3().getObjectAsBytes(b -> b.bucket(settings.get("tripflow.kpi.bucket")).key("kpi-results/2024/05/25/kpi.json")).asUtf8String();
            System.out.println(obj);
            assertEquals(true, obj.contains("\"count_trips\" : 1"));
        } finally {
            app.stop();
        }
    }
}
