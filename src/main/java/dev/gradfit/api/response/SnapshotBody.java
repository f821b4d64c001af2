package dev.gradfit.api.response;

import dev.gradfit.fitting.train.Snapshot;
import io.swagger.v3.oas.annotations.media.Schema;

/** The weights after a given number of epochs. */
@Schema(description = "The weights after `epoch` epochs and the cost there.")
record SnapshotBody(int epoch, double intercept, double[] coefficients, double cost) {

    static SnapshotBody of(Snapshot snapshot) {
        return new SnapshotBody(
                snapshot.epoch(),
                snapshot.weights().intercept(),
                snapshot.weights().coefficients(),
                snapshot.cost());
    }
}
