package io.tripflow.kinesis;

import io.tripflow.localstack.TestStack;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

class ShardBatchProcessorTest {

    /** KCL may end a lease whose processor it never initialized (seen under load in the benchmarks). */
    @Test
    void aLeaseLostBeforeInitializationIsHandled() throws Exception {
        KclSettings settings = TestStack.settings(java.util.Map.of()).kcl();
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            KclComponent component = new KclComponent(settings);
            component.setCamelContext(camel);
            KclEndpoint endpoint = new KclEndpoint("kcl:trips", component, "trips", settings);
            ShardBatchProcessor processor = new ShardBatchProcessor(new KclConsumer(endpoint, exchange -> { }));
            assertDoesNotThrow(() -> processor.leaseLost(LeaseLostInput.builder().build()));
            assertDoesNotThrow(() -> processor.shutdownRequested(ShutdownRequestedInput.builder().build()));
        }
    }
}
