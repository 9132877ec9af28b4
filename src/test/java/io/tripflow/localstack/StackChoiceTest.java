package io.tripflow.localstack;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.testcontainers.utility.DockerImageName;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StackChoiceTest {

    @Test
    void unsetItIsTheEmbeddedStackUnlessAnEndpointIsGiven() {
        assertEquals(StackChoice.EMBEDDED, StackChoice.from(Map.of()));
        assertEquals(StackChoice.ENDPOINT, StackChoice.from(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:4566")));
        assertEquals(StackChoice.EMBEDDED, StackChoice.from(Map.of(StackChoice.VARIABLE, " ")));
    }

    @Test
    void anExplicitChoiceWinsInAnyCase() {
        assertEquals(StackChoice.EMBEDDED, StackChoice.from(Map.of(StackChoice.VARIABLE, "embedded", "AWS_ENDPOINT_URL", "http://x")));
        assertEquals(StackChoice.TESTCONTAINERS, StackChoice.from(Map.of(StackChoice.VARIABLE, "TestContainers")));
        assertEquals(StackChoice.ENDPOINT, StackChoice.from(Map.of(StackChoice.VARIABLE, "endpoint", "AWS_ENDPOINT_URL", "http://x")));
    }

    @Test
    void aChoiceThatCannotWorkIsRefusedNamingTheVariable() {
        var unknown = assertThrows(IllegalArgumentException.class, () -> StackChoice.from(Map.of(StackChoice.VARIABLE, "docker")));
        assertEquals("TRIPFLOW_TEST_STACK=docker is none of embedded, endpoint, testcontainers", unknown.getMessage());
        var noEndpoint = assertThrows(IllegalArgumentException.class, () -> StackChoice.from(Map.of(StackChoice.VARIABLE, "endpoint")));
        assertTrue(noEndpoint.getMessage().startsWith("TRIPFLOW_TEST_STACK=endpoint needs AWS_ENDPOINT_URL"), noEndpoint.getMessage());
    }

    @Test
    void testcontainersStartsFlociUnlessALocalStackTokenOrAnImageIsGiven() {
        DockerImageName floci = ContainerStack.image(Map.of());
        assertEquals(ContainerStack.FLOCI, floci.asCanonicalNameString());
        assertDoesNotThrow(() -> floci.assertCompatibleWith(DockerImageName.parse("localstack/localstack")));
        assertEquals(ContainerStack.LOCALSTACK, ContainerStack.image(Map.of("LOCALSTACK_AUTH_TOKEN", "ls-123")).asCanonicalNameString());
        DockerImageName named = ContainerStack.image(Map.of(ContainerStack.IMAGE_VARIABLE, "example/emulator:2", "LOCALSTACK_AUTH_TOKEN", "ls-123"));
        assertEquals("example/emulator:2", named.asCanonicalNameString());
        assertDoesNotThrow(() -> named.assertCompatibleWith(DockerImageName.parse("localstack/localstack")));
    }

    @Test
    void withoutADockerEngineTestcontainersFailsAtOnceSayingWhatToDoInstead() {
        var failure = assertThrows(IllegalStateException.class, () -> ContainerStack.requireDocker(() -> false));
        assertTrue(failure.getMessage().startsWith("TRIPFLOW_TEST_STACK=testcontainers needs a Docker engine, and none answers here"));
        assertTrue(failure.getMessage().contains("TRIPFLOW_TEST_STACK=embedded"));
        assertDoesNotThrow(() -> ContainerStack.requireDocker(() -> true));
    }
}
