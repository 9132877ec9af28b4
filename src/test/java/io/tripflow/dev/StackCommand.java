package io.tripflow.dev;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.tripflow.config.TripflowSettings;
import io.tripflow.localstack.LocalAwsStack;
import picocli.CommandLine.Command;

@Command(name = "stack", description = "Start the embedded local AWS stack, create every resource, print the env to use it, and run until Ctrl-C.")
public class StackCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        LocalAwsStack stack = DevStack.startProvisioned();
        System.out.println("# Local AWS stack is up. In another shell:");
        // The stack's own variables, then the dev settings; a setting both name is printed once.
        Map<String, String> exports = new LinkedHashMap<>(stack.environment());
        DevStack.devOverrides().forEach((key, value) -> exports.put(TripflowSettings.envVarOf(key), value));
        exports.forEach((name, value) -> System.out.println("export " + name + "=" + value));
        System.out.println("# then: bin/tripflow run   (Ctrl-C here stops the stack)");
        new CountDownLatch(1).await();
        return 0;
    }
}
