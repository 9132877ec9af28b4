package io.tripflow.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real AWS-API servers on free loopback ports, for tests, {@code tripflow stack} and
 * {@code tripflow demo}. Lives on the test classpath only: the production jar and image carry no
 * emulator.
 * <ul>
 * <li>DynamoDB: DynamoDB Local, in-process, in memory.</li>
 * <li>SQS: ElasticMQ, in-process.</li>
 * <li>S3: Adobe S3Mock, as a child JVM (a Spring Boot application: kept off our classpath).</li>
 * <li>Kinesis: kinesis-mock from the npm package kinesis-local, as a child Node process.</li>
 * </ul>
 */
public final class LocalAwsStack implements AwsApiStack {

    private static final Logger LOG = LoggerFactory.getLogger(LocalAwsStack.class);
    public static final String REGION = "us-east-1";
    /** kinesis-mock namespaces streams by a 12-digit access key; any fixed pair works for the rest. */
    public static final String ACCESS_KEY = "000000000000";
    public static final String SECRET_KEY = "local-stack-secret";

    private final Path home;
    private DynamoDBProxyServer dynamoDb;
    private SQSRestServer sqs;
    private Process s3;
    private Process kinesis;
    private final Map<Service, String> endpoints = new LinkedHashMap<>();

    /** The services, with the names the SDK uses for their endpoint env vars and system properties. */
    public enum Service {
        DYNAMODB("DYNAMODB", "DynamoDb"),
        SQS("SQS", "Sqs"),
        S3("S3", "S3"),
        KINESIS("KINESIS", "Kinesis"),
        CLOUDWATCH("CLOUDWATCH", "CloudWatch");

        private final String envSuffix;
        private final String sysPropSuffix;

        Service(String envSuffix, String sysPropSuffix) {
            this.envSuffix = envSuffix;
            this.sysPropSuffix = sysPropSuffix;
        }
    }

    private LocalAwsStack(Path home) {
        this.home = home;
    }

    /** Starts every server at once (in parallel) and waits until each answers. */
    public static LocalAwsStack start(Path home) {
        LocalAwsStack stack = new LocalAwsStack(home);
        Instant started = Instant.now();
        try {
            CompletableFuture.allOf(
                    CompletableFuture.runAsync(stack::startDynamoDb),
                    CompletableFuture.runAsync(stack::startSqs),
                    CompletableFuture.runAsync(stack::startS3),
                    CompletableFuture.runAsync(stack::startKinesis)).join();
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        // Never contacted while KCL metrics are off; the KCL still wants an endpoint to build a client.
        stack.endpoints.put(Service.CLOUDWATCH, stack.endpoints.get(Service.DYNAMODB));
        LOG.info("Local AWS stack up in {} ms: {}", Duration.between(started, Instant.now()).toMillis(), stack.endpoints);
        return stack;
    }

    private void startDynamoDb() {
        int port = freePort();
        try {
            dynamoDb = ServerRunner.createServerFromCommandLineArgs(dynamoDbLocalArgs(port).toArray(String[]::new));
            dynamoDb.start();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start", e);
        }
        register(Service.DYNAMODB, port);
    }

    /**
     * A second DynamoDB Local, in memory, as a process of its own started behind a command prefix
     * (the benchmarks give it a core of its own with "taskset -c 1"). Destroyed when closed, or at
     * the latest when this JVM exits.
     */
    public ChildServer startDynamoDbProcess(List<String> commandPrefix) {
        int port = freePort();
        List<String> command = new ArrayList<>(commandPrefix);
        command.addAll(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                ServerRunner.class.getName()));
        command.addAll(dynamoDbLocalArgs(port));
        Process process = launch("dynamodb-process", new ProcessBuilder(command));
        awaitPort("DynamoDB Local process", process, port, Duration.ofSeconds(60));
        return new ChildServer("http://127.0.0.1:" + port, process);
    }

    /**
     * In memory, and without telemetry: the machine has no network to send it to, and otherwise
     * DynamoDB Local leaves a dynamodb-local-metadata.json in the working directory.
     */
    private static List<String> dynamoDbLocalArgs(int port) {
        return List.of("-inMemory", "-disableTelemetry", "-port", String.valueOf(port));
    }

    /** A server running as a child process. */
    public record ChildServer(String url, Process process) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }

    private void startSqs() {
        int port = freePort();
        sqs = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(port)
                .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
                .withAWSRegion(REGION)
                .start();
        sqs.waitUntilStarted();
        register(Service.SQS, port);
    }

    private void startS3() {
        Path jar = home.resolve("target/emulators/s3mock.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run `mvn package -DskipTests` (or any mvn test) first");
        }
        int port = freePort();
        Path root = tempDir("s3mock");
        String java = ProcessHandle.current().info().command().orElse("java");
        s3 = launch("s3mock", new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString(),
                "--server.address=127.0.0.1", "--server.port=" + freePort(),
                "--com.adobe.testing.s3mock.httpPort=" + port,
                "--com.adobe.testing.s3mock.store.root=" + root,
                "--logging.level.root=WARN", "--spring.main.banner-mode=off"));
        awaitPort("S3Mock", s3, port, Duration.ofSeconds(60));
        register(Service.S3, port);
    }

    private void startKinesis() {
        Path main = NpmTools.packageDir(home, "kinesis-local").resolve("main.js");
        int port = freePort();
        ProcessBuilder node = new ProcessBuilder("node", main.toString());
        node.environment().put("KINESIS_MOCK_PLAIN_PORT", String.valueOf(port));
        node.environment().put("KINESIS_MOCK_TLS_PORT", String.valueOf(freePort()));
        node.environment().put("KINESIS_MOCK_CERT_PATH", main.resolveSibling("server.json").toString());
        node.environment().put("AWS_REGION", REGION);
        node.environment().put("AWS_ACCOUNT_ID", ACCESS_KEY);
        node.environment().put("LOG_LEVEL", "WARN");
        node.environment().put("CREATE_STREAM_DURATION", "100ms");
        node.environment().put("SPLIT_SHARD_DURATION", "100ms");
        // Every test creates its own streams; the emulator's default account limit is 50 shards.
        node.environment().put("SHARD_LIMIT", "2000");
        kinesis = launch("kinesis-local", node);
        awaitPort("kinesis-local", kinesis, port, Duration.ofSeconds(30));
        register(Service.KINESIS, port);
    }

    private Process launch(String name, ProcessBuilder builder) {
        Path log = home.resolve("target/local-stack-" + name + ".log");
        try {
            Files.createDirectories(log.getParent());
            Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
            // Children must not outlive the JVM that started them.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    private static void awaitPort(String name, Process process, int port, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " (see target/local-stack-*.log)");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        throw new IllegalStateException(name + " did not open port " + port + " within " + timeout);
    }

    private void register(Service service, int port) {
        synchronized (endpoints) {
            endpoints.put(service, "http://127.0.0.1:" + port);
        }
    }

    public String endpoint(Service service) {
        return endpoints.get(service);
    }

    @Override
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", REGION);
        env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
        endpoints.forEach((service, url) -> env.put("AWS_ENDPOINT_URL_" + service.envSuffix, url));
        env.put("TRIPFLOW_S3_FORCE_PATH_STYLE", "true");
        return env;
    }

    @Override
    public Map<String, String> systemProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("aws.region", REGION);
        props.put("aws.accessKeyId", ACCESS_KEY);
        props.put("aws.secretAccessKey", SECRET_KEY);
        endpoints.forEach((service, url) -> props.put("aws.endpointUrl" + service.sysPropSuffix, url));
        return props;
    }

    public void stopDynamoDb() throws Exception {
        dynamoDb.stop();
    }

    @Override
    public void close() {
        List<Runnable> stops = new ArrayList<>();
        if (kinesis != null) {
            stops.add(kinesis::destroy);
        }
        if (s3 != null) {
            stops.add(s3::destroy);
        }
        if (sqs != null) {
            stops.add(sqs::stopAndWait);
        }
        if (dynamoDb != null) {
            stops.add(() -> {
                try {
                    dynamoDb.stop();
                } catch (Exception e) {
                    LOG.warn("DynamoDB Local did not stop cleanly", e);
                }
            });
        }
        stops.forEach(Runnable::run);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
