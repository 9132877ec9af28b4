package io.tripflow.kinesis;

import io.tripflow.localstack.TestStack;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

class ShardBatchProcessorTest {

    /** KCL may end a lease whose processor it never initialized (seen under load in the benchmarks). */
    @Test
    void aLeaseLostBeforeInitializationIsHandled() {
        KclSettings settings = TestStack.settings(java.util.Map.of()).kcl();
        KclEndpoint endpoint = new KclEndpoint("kcl:trips", new KclComponent(settings), "trips", settings);
        ShardBatchProcessor processor = new ShardBatchProcessor(new KclConsumer(endpoint, exchange -> { }));
        assertDoesNotThrow(() -> processor.leaseLost(LeaseLostInput.builder().build()));
    }
}
