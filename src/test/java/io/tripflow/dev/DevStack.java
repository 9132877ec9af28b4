package io.tripflow.dev;

import java.nio.file.Path;
import java.util.Map;

import io.tripflow.TripflowApplication;
import io.tripflow.config.AwsResources;
import io.tripflow.localstack.LocalAwsStack;
import io.tripflow.localstack.TestStack;

/** The embedded stack for the dev commands: started, pointed at, and provisioned from the settings. */
final class DevStack {

    private DevStack() {
    }

    static Path home() {
        return Path.of(System.getProperty("tripflow.home", ".")).toAbsolutePath().normalize();
    }

    /** Settings the dev commands run with on top of the file and environment: quick lease timings. */
    static Map<String, String> devOverrides() {
        return TestStack.fastTimings();
    }

    /** Starts the stack, points this JVM's SDK clients at it and creates every resource. */
    static LocalAwsStack startProvisioned() throws Exception {
        LocalAwsStack stack = LocalAwsStack.start(home());
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
        stack.systemProperties().forEach(System::setProperty);
        // A route-less context reads the settings (file + env) and builds the clients exactly as
        // the pipeline will, so the resources are the ones it expects.
        TripflowApplication settingsOnly = new TripflowApplication(devOverrides(), TripflowApplication.Mode.NO_ROUTES);
        try {
            AwsResources.create(settingsOnly.start());
        } finally {
            settingsOnly.stop();
        }
        return stack;
    }
}
