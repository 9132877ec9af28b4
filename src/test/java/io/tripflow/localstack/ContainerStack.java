package io.tripflow.localstack;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A LocalStack-compatible container started by Testcontainers ({@code TRIPFLOW_TEST_STACK=testcontainers}).
 * Floci by default: LocalStack's current images need an auth token (since March 2026), so
 * {@code localstack/localstack} is used only when LOCALSTACK_AUTH_TOKEN is set. Any other
 * LocalStack-compatible image can be named in {@value #IMAGE_VARIABLE}.
 */
public final class ContainerStack implements AwsApiStack {

    public static final String IMAGE_VARIABLE = "TRIPFLOW_TEST_STACK_IMAGE";
    static final String FLOCI = "floci/floci:1.5.11";
    static final String LOCALSTACK = "localstack/localstack:latest";
    private static final DockerImageName LOCALSTACK_NAME = DockerImageName.parse("localstack/localstack");

    private final LocalStackContainer container;

    private ContainerStack(LocalStackContainer container) {
        this.container = container;
    }

    /** Starts the container the environment asks for; fails at once, saying why, where no Docker engine answers. */
    public static ContainerStack start(Map<String, String> env) {
        requireDocker(() -> DockerClientFactory.instance().isDockerAvailable());
        LocalStackContainer container = new LocalStackContainer(image(env));
        String token = env.get("LOCALSTACK_AUTH_TOKEN");
        if (token != null && !token.isBlank()) {
            container.withEnv("LOCALSTACK_AUTH_TOKEN", token);
        }
        container.start();
        return new ContainerStack(container);
    }

    static void requireDocker(BooleanSupplier dockerAvailable) {
        if (!dockerAvailable.getAsBoolean()) {
            throw new IllegalStateException(StackChoice.VARIABLE + "=testcontainers needs a Docker engine, and none answers here "
                    + "(DOCKER_HOST, /var/run/docker.sock). Run the tests with " + StackChoice.VARIABLE + "=embedded (the default) "
                    + "or with " + StackChoice.VARIABLE + "=endpoint and AWS_ENDPOINT_URL.");
        }
    }

    /** The image to start: {@value #IMAGE_VARIABLE} if set, else LocalStack with a token, else Floci. */
    static DockerImageName image(Map<String, String> env) {
        String named = env.get(IMAGE_VARIABLE);
        if (named != null && !named.isBlank()) {
            return DockerImageName.parse(named.trim()).asCompatibleSubstituteFor(LOCALSTACK_NAME);
        }
        String token = env.get("LOCALSTACK_AUTH_TOKEN");
        return token != null && !token.isBlank()
                ? DockerImageName.parse(LOCALSTACK)
                : DockerImageName.parse(FLOCI).asCompatibleSubstituteFor(LOCALSTACK_NAME);
    }

    @Override
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ENDPOINT_URL", container.getEndpoint().toString());
        env.put("AWS_REGION", container.getRegion());
        env.put("AWS_ACCESS_KEY_ID", container.getAccessKey());
        env.put("AWS_SECRET_ACCESS_KEY", container.getSecretKey());
        env.put("TRIPFLOW_S3_FORCE_PATH_STYLE", "true");
        return env;
    }

    @Override
    public Map<String, String> systemProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("aws.endpointUrl", container.getEndpoint().toString());
        props.put("aws.region", container.getRegion());
        props.put("aws.accessKeyId", container.getAccessKey());
        props.put("aws.secretAccessKey", container.getSecretKey());
        return props;
    }

    @Override
    public void close() {
        container.stop();
    }
}
