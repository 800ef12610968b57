package memesnipe.cli;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stops every node of a Vert.x instance (streams ended, ports released) and then the instance itself. */
final class Shutdown {
    private Shutdown() {
    }

    static void close(Vertx vertx) {
        try {
            List<Future<?>> undeploys = new ArrayList<>();
            for (String id : vertx.deploymentIDs()) {
                undeploys.add(vertx.undeploy(id));
            }
            Future.join(undeploys).await(10, TimeUnit.SECONDS);
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("memesnipe: shutdown did not finish cleanly: " + e);
        }
    }
}
