package io.tripflow.cli;

import java.util.concurrent.Callable;

import io.tripflow.TripflowApplication;
import io.tripflow.config.AwsResources;
import picocli.CommandLine.Command;

@Command(name = "create-resources", description = "Create the streams, tables, queue and bucket named by the settings, where they do not exist yet "
        + "(for LocalStack-compatible emulators and dev accounts; on AWS, deploy cloudformation/tripflow.yaml).")
public class CreateResourcesCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        TripflowApplication.runOnce(TripflowApplication.Mode.NO_ROUTES, camel -> {
            AwsResources.create(camel);
            return null;
        });
        return 0;
    }
}
