package io.tripflow.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tripflow.config.TripflowSettings;
import io.tripflow.localstack.ManagementHttp;
import io.tripflow.localstack.TestStack;
import io.tripflow.pipeline.CompletedTrips;
import io.tripflow.replay.CsvTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The container image without Docker: the runtime stage of docker/Dockerfile is assembled under
 * target/image (its COPY lines, its ENV, its ENTRYPOINT script), started with environment
 * variables only against the local stack, and driven and watched the way an operator would: replay
 * the samples, find the KPI file in S3, read health, Prometheus metrics and a route MBean over
 * remote JMX. Its routes directory is replaced by an edited copy, as a volume would be, to show
 * that a route change takes effect without a rebuild. Every AWS call it makes is recorded and
 * compared with the CloudFormation task role.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerImageIT {

    private static final Path HOME = Path.of("").toAbsolutePath();
    private static final Path ROOT = HOME.resolve("target/image");
    private static final Pattern COPY = Pattern.compile("^COPY (--from=build )?(\\S+) (\\S+)$");
    private static final Pattern ENV_PAIR = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S+)");

    /**
     * Granted to the task role but not called in a run on the local stack: KCL's documentation lists
     * DescribeStreamSummary among a consumer's minimum permissions (stream checks on paths that a
     * single polling stream on the emulator does not take).
     */
    private static final Set<String> GRANTED_FOR_PATHS_NOT_RUN_HERE = Set.of("kinesis:DescribeStreamSummary");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Image image;
    private static Map<String, String> settings;
    private static Process tripflow;
    private static int managementPort;
    private static int jmxPort;
    private static int jmxRmiPort;
    private static Path callLog;

    /** What the Dockerfile's runtime stage says: where files go, the environment, the command. */
    record Image(Map<String, String> copies, Map<String, String> env, List<String> entrypoint, List<String> cmd) {

        static Image parse(Path dockerfile) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder continued = new StringBuilder();
            boolean runtimeStage = false;
            for (String line : Files.readAllLines(dockerfile)) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                continued.append(line.endsWith("\\") ? line.substring(0, line.length() - 1) : line);
                if (!line.endsWith("\\")) {
                    String instruction = continued.toString().trim().replaceAll("\\s+", " ");
                    continued.setLength(0);
                    if (instruction.startsWith("FROM ")) {
                        runtimeStage = !instruction.contains(" AS build");
                    } else if (runtimeStage) {
                        lines.add(instruction);
                    }
                }
            }
            Map<String, String> copies = new LinkedHashMap<>();
            Map<String, String> env = new LinkedHashMap<>();
            List<String> entrypoint = List.of();
            List<String> cmd = List.of();
            for (String instruction : lines) {
                Matcher copy = COPY.matcher(instruction);
                if (copy.matches()) {
                    // The build stage works in /build: its /build/target/x is this project's target/x.
                    copies.put(copy.group(2).replaceFirst("^/build/", ""), copy.group(3));
                } else if (instruction.startsWith("ENV ")) {
                    Matcher pair = ENV_PAIR.matcher(instruction.substring(4));
                    while (pair.find()) {
                        env.put(pair.group(1), pair.group(2).replace("\"", ""));
                    }
                } else if (instruction.startsWith("ENTRYPOINT ")) {
                    entrypoint = jsonArray(instruction.substring(11));
                } else if (instruction.startsWith("CMD ")) {
                    cmd = jsonArray(instruction.substring(4));
                }
            }
            return new Image(copies, env, entrypoint, cmd);
        }

        private static List<String> jsonArray(String text) throws IOException {
            List<String> values = new ArrayList<>();
            JSON.readTree(text).forEach(node -> values.add(node.asText()));
            return values;
        }

        /** An absolute path inside the image, as a path under the assembled root. */
        Path onDisk(String imagePath) {
            return ROOT.resolve(imagePath.substring(1));
        }
    }

    @BeforeAll
    static void assembleAndStart() throws Exception {
        image = Image.parse(HOME.resolve("docker/Dockerfile"));
        assembleImage();
        editRoutesLikeAVolumeWould();
        addCallRecorder();

        settings = new HashMap<>(TestStack.freshResources("image", false));
        managementPort = ManagementHttp.freePort();
        jmxPort = ManagementHttp.freePort();
        jmxRmiPort = ManagementHttp.freePort();
        callLog = HOME.resolve("target/it-logs/image-aws-calls.txt");
        Files.createDirectories(callLog.getParent());
        Files.deleteIfExists(callLog);
        // Remote JMX as an operator would switch it on through JAVA_OPTS (bound to loopback here).
        tripflow = start("image-run", image.cmd(), " -Dcom.sun.management.jmxremote.port=" + jmxPort
                + " -Dcom.sun.management.jmxremote.rmi.port=" + jmxRmiPort
                + " -Dcom.sun.management.jmxremote.host=127.0.0.1 -Djava.rmi.server.hostname=127.0.0.1"
                + " -Dcom.sun.management.jmxremote.authenticate=false -Dcom.sun.management.jmxremote.ssl=false");
    }

    @AfterAll
    static void stop() throws Exception {
        if (tripflow != null) {
            tripflow.destroy();
            tripflow.waitFor(40, TimeUnit.SECONDS);
        }
    }

    private static void assembleImage() throws IOException {
        deleteRecursively(ROOT);
        image.copies().forEach((source, target) -> copyRecursively(HOME.resolve(source), image.onDisk(target)));
        assertTrue(Files.isExecutable(image.onDisk(image.entrypoint().get(0))), "entrypoint script");
    }

    /** The image's file intake takes a file in (a trip end whose start never comes: it changes no KPI). */
    private static void dropAFileAndAwaitItsReport() {
        var s3 = TestStack.clients().s3();
        String bucket = settings.get("tripflow.files.bucket");
        s3.putObject(b -> b.bucket(bucket).key("incoming/image.csv"), software.amazon.awssdk.core.sync.RequestBody.fromString(
                "trip_id,dropoff_datetime,fare_amount\nimage-file-1,2024-05-25 10:00:00,9.5\n"));
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() ->
                s3.listObjectsV2(b -> b.bucket(bucket).prefix("reports/")).keyCount() == 1);
    }

    /** The image's orders line: an item before its order and product, then both; the date's KPI row appears. */
    private static void dropAShopAndAwaitItsKpis() {
        var s3 = TestStack.clients().s3();
        String bucket = settings.get("tripflow.files.bucket");
        Map<String, String> files = new java.util.LinkedHashMap<>();
        files.put("items.csv", "id,order_id,user_id,product_id,status,created_at,shipped_at,delivered_at,returned_at,sale_price\n"
                + "1,1,7,1,shipped,2025-03-30T16:14:26,,,,19.99\n");
        files.put("orders.csv", "order_id,user_id,status,created_at,returned_at,shipped_at,delivered_at,num_of_item\n"
                + "1,7,shipped,2025-03-30T16:14:26,,,,1\n");
        files.put("products.csv", "id,sku,cost,category,name,brand,retail_price,department\n1,S1,5,Socks,Sock,B,20,Men\n");
        files.forEach((name, content) -> {
            s3.putObject(b -> b.bucket(bucket).key("orders/incoming/" + name), software.amazon.awssdk.core.sync.RequestBody.fromString(content));
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() ->
                    s3.listObjectsV2(b -> b.bucket(bucket).prefix("orders/reports/" + name)).keyCount() == 1);
        });
        var dynamoDb = TestStack.clients().dynamoDb();
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() -> {
            var row = dynamoDb.getItem(g -> g.tableName(settings.get("tripflow.orders.order-kpis-table")).consistentRead(true)
                    .key(Map.of("order_date", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("2025-03-30")))).item();
            return row != null && row.containsKey("total_revenue") && row.get("total_revenue").n().equals("19.99");
        });
    }

    /** The edited flow: trip starts from vendor 2 are filtered out before they are stored. */
    private static void editRoutesLikeAVolumeWould() throws IOException {
        Path route = image.onDisk(image.env().get("TRIPFLOW_ROUTES_DIR")).resolve("trip-halves.yaml");
        String original = Files.readString(route);
        String validation = "          - to: \"json-validator:";
        String edited = original.replace(validation,
                "          - filter:\n"
                        + "              simple: \"${bodyAs(String)} contains '\\\"vendor_id\\\":2'\"\n"
                        + "              steps:\n"
                        + "                - stop: {}\n"
                        + validation);
        assertTrue(!edited.equals(original), "the trip-half reader has the expected shape to edit");
        Files.writeString(route, edited);
    }

    /** A jar with the AWS call recorder, dropped into the image's lib directory for this test only. */
    private static void addCallRecorder() throws IOException {
        Path jar = image.onDisk(image.env().get("TRIPFLOW_LIB")).resolve("zz-test-aws-call-recorder.jar");
        String classFile = AwsCallRecorder.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(classFile));
            out.write(Files.readAllBytes(HOME.resolve("target/test-classes").resolve(classFile)));
            out.putNextEntry(new JarEntry("software/amazon/awssdk/global/handlers/execution.interceptors"));
            out.write((AwsCallRecorder.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The IAM actions that authorize an SDK call (most are the call itself). */
    private static Set<String> iamActionsOf(String call) {
        return switch (call) {
            case "s3:HeadBucket", "s3:ListObjects", "s3:ListObjectsV2" -> Set.of("s3:ListBucket");
            case "s3:CopyObject" -> Set.of("s3:GetObject", "s3:PutObject");
            case "s3:HeadObject" -> Set.of("s3:GetObject");
            default -> Set.of(call);
        };
    }

    /** The entrypoint with the image's environment (paths mapped under the root) plus env-only configuration. */
    private static Process start(String name, List<String> command, String extraJavaOpts) throws IOException {
        List<String> argv = new ArrayList<>(List.of(image.onDisk(image.entrypoint().get(0)).toString()));
        argv.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(argv).directory(image.onDisk("/opt/tripflow").toFile());
        Map<String, String> env = builder.environment();
        image.env().forEach((key, value) -> env.put(key, value.startsWith("/opt/") ? image.onDisk(value).toString() : value));
        env.putAll(TestStack.processEnvironment());
        settings.forEach((key, value) -> env.put(TripflowSettings.envVarOf(key), value));
        env.put("TRIPFLOW_MANAGEMENT_PORT", String.valueOf(managementPort));
        env.put("JAVA_OPTS", image.env().get("JAVA_OPTS")
                + " -Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir")
                + " -D" + AwsCallRecorder.LOG_PROPERTY + "=" + callLog
                + extraJavaOpts);
        Path log = HOME.resolve("target/it-logs/" + name + ".log");
        return builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String run(String name, String... command) throws Exception {
        Process process = start(name, List.of(command), "");
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), name + " did not finish");
        String output = Files.readString(HOME.resolve("target/it-logs/" + name + ".log"));
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    @Test
    @Order(1)
    void theImageRunsFromEnvironmentVariablesAndIsObservableAndItsEditedRouteTakesEffect() throws Exception {
        run("image-replay", "replay", "--start-csv", HOME.resolve("samples/trip_start.csv").toString(),
                "--end-csv", HOME.resolve("samples/trip_end.csv").toString());

        Set<String> expected = tripsExpectedWithVendorTwoFilteredOut();
        dropAFileAndAwaitItsReport();
        dropAShopAndAwaitItsKpis();
        String table = settings.get("tripflow.trips.table");
        var dynamoDb = TestStack.clients().dynamoDb();
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            assertTrue(tripflow.isAlive(), "tripflow exited, see target/it-logs/image-run.log");
            return CompletedTrips.count(table) >= expected.size();
        });
        Set<String> completed = new TreeSet<>();
        dynamoDb.scanPaginator(b -> b.tableName(table).consistentRead(true).filterExpression("attribute_exists(trip_status)"))
                .items().forEach(item -> completed.add(item.get("trip_id").s()));
        assertEquals(expected, completed, "only vendor-1 trips complete: the edited route is in effect");

        // The KPI command of the same image writes the date's file to S3.
        run("image-kpi", "kpi", "--date", "2024-05-25");
        JsonNode kpi = JSON.readTree(TestStack.clients().s3().getObjectAsBytes(b -> b.bucket(settings.get("tripflow.kpi.bucket"))
                .key(TestStack.kpiSchedule(settings).objectKey(LocalDate.of(2024, 5, 25)))).asUtf8String());
        assertTrue(kpi.get("count_trips").asInt() > 0 && kpi.get("count_trips").asInt() <= expected.size(), kpi.toString());

        String health = httpGet("/observe/health/ready");
        assertTrue(health.contains("UP"), health);
        String metrics = httpGet("/observe/metrics");
        assertTrue(metrics.contains("tripflow_events_total{") && metrics.contains("outcome=\"STORED\""), "own counters");
        assertTrue(metrics.contains("tripflow_trips_completed_total"), "trips completed");
        assertTrue(metrics.contains("tripflow_consumer_millis_behind_latest{"), "consumer lag per shard");

        try (JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL(
                "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"))) {
            var server = jmx.getMBeanServerConnection();
            Set<ObjectName> routes = server.queryNames(new ObjectName("org.apache.camel:type=routes,name=\"read-trip-end\",*"), null);
            assertEquals(1, routes.size(), routes.toString());
            long completedExchanges = (Long) server.getAttribute(routes.iterator().next(), "ExchangesCompleted");
            assertTrue(completedExchanges >= expected.size(), "route MBean counts " + completedExchanges);
        }

        String log = Files.readString(HOME.resolve("target/it-logs/image-run.log"));
        JsonNode firstLine = JSON.readTree(log.lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
        assertTrue(firstLine.has("@timestamp") && firstLine.has("log.level") && firstLine.has("message"), "structured JSON logs: " + firstLine);
    }

    /**
     * After the first test, which made the process store, dead-letter and write a KPI file; and after
     * a graceful stop, so that shut-down calls (KCL releasing its leader lock) are in the record too.
     */
    @Test
    @Order(2)
    void theTaskRoleGrantsExactlyTheAwsCallsTheApplicationMakes() throws Exception {
        String log = Files.exists(callLog) ? Files.readString(callLog) : "";
        assertTrue(log.contains("sqs:SendMessage") && log.contains("s3:PutObject"), "the first test ran the whole pipeline");
        tripflow.destroy();
        assertTrue(tripflow.waitFor(40, TimeUnit.SECONDS), "stops within the ECS stop timeout after SIGTERM");
        Set<String> called = new TreeSet<>();
        for (String call : Files.readAllLines(callLog)) {
            if (!call.isEmpty()) {
                called.addAll(iamActionsOf(call));
            }
        }
        CloudFormationTemplate template = CloudFormationTemplate.load();
        Set<String> granted = new TreeSet<>(TaskRolePolicy.grantedActions(template));
        granted.remove("cloudwatch:PutMetricData"); // granted only when KCL metrics are on; they are off here

        Set<String> notGranted = called.stream().filter(a -> !granted.contains(a)).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), notGranted, "calls the task role does not allow");
        Set<String> unused = granted.stream().filter(a -> !called.contains(a) && !GRANTED_FOR_PATHS_NOT_RUN_HERE.contains(a))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), unused, "granted but never called");
    }

    private static Set<String> tripsExpectedWithVendorTwoFilteredOut() throws IOException {
        List<Map<String, String>> starts;
        List<Map<String, String>> ends;
        try (var s = Files.newBufferedReader(HOME.resolve("samples/trip_start.csv")); var e = Files.newBufferedReader(HOME.resolve("samples/trip_end.csv"))) {
            starts = CsvTable.read(s, "trip_start.csv");
            ends = CsvTable.read(e, "trip_end.csv");
        }
        Set<String> validEnds = ends.stream().filter(r -> !r.get("fare_amount").startsWith("-")).map(r -> r.get("trip_id")).collect(Collectors.toSet());
        return starts.stream()
                .filter(r -> r.get("vendor_id").equals("1") && !r.get("pickup_datetime").startsWith("2024-02-30"))
                .map(r -> r.get("trip_id")).filter(validEnds::contains)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String httpGet(String path) throws Exception {
        return ManagementHttp.get(managementPort, path);
    }

    private static void copyRecursively(Path source, Path target) {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path destination = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(destination);
                } else {
                    Files.createDirectories(destination.getParent());
                    Files.copy(file, destination, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
