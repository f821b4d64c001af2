package dev.gradfit.api.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradfit.service.hyperparameters.LossSpec;
import dev.gradfit.service.hyperparameters.OptimizerSpec;
import dev.gradfit.service.hyperparameters.ScheduleSpec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The request bodies name the same types as the service, one for one, and spell them as the API publishes. */
class SettingsTest {

    @Test
    void everyLossOptimizerAndScheduleOfTheApiIsOneOfTheServiceAndBack() {
        for (LossBody.Type type : LossBody.Type.values()) {
            assertThat(Settings.same(LossBody.Type.class, Settings.same(LossSpec.Type.class, type)))
                    .isEqualTo(type);
        }
        for (OptimizerBody.Type type : OptimizerBody.Type.values()) {
            assertThat(Settings.same(OptimizerBody.Type.class, Settings.same(OptimizerSpec.Type.class, type)))
                    .isEqualTo(type);
        }
        for (ScheduleBody.Type type : ScheduleBody.Type.values()) {
            assertThat(Settings.same(ScheduleBody.Type.class, Settings.same(ScheduleSpec.Type.class, type)))
                    .isEqualTo(type);
        }
        assertThat(LossSpec.Type.values()).hasSameSizeAs(LossBody.Type.values());
        assertThat(OptimizerSpec.Type.values()).hasSameSizeAs(OptimizerBody.Type.values());
        assertThat(ScheduleSpec.Type.values()).hasSameSizeAs(ScheduleBody.Type.values());
    }

    @Test
    void notGivenStaysNotGiven() {
        assertThat(Settings.same(LossSpec.Type.class, null)).isNull();
    }

    @Test
    void spellsTypesInLowerCamelCase() {
        assertThat(Arrays.stream(ScheduleBody.Type.values()).map(Settings::jsonName))
                .containsExactly("constant", "inverseScaling", "step", "exponential", "plateau");
        assertThat(Arrays.stream(OptimizerBody.Type.values()).map(Settings::jsonName))
                .containsExactly("gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "lbfgs");
    }

    @Test
    void mapsABodyToItsSpecSettingForSetting() {
        assertThat(new OptimizerBody(OptimizerBody.Type.RMSPROP, null, 0.8, null, null, 1e-7).toSpec())
                .isEqualTo(new OptimizerSpec(OptimizerSpec.Type.RMSPROP, null, 0.8, null, null, 1e-7));
        assertThat(new ScheduleBody(ScheduleBody.Type.PLATEAU, null, 0.2, null, 3, 1e-3, 1e-6).toSpec())
                .isEqualTo(new ScheduleSpec(ScheduleSpec.Type.PLATEAU, null, 0.2, null, 3, 1e-3, 1e-6));
        assertThat(new LossBody(null, 2.0).toSpec()).isEqualTo(new LossSpec(null, 2.0));
        assertThat(OptimizerBody.of(new OptimizerSpec(OptimizerSpec.Type.ADAM, null, null, 0.9, 0.999, 1e-8)))
                .isEqualTo(new OptimizerBody(OptimizerBody.Type.ADAM, null, null, 0.9, 0.999, 1e-8));
    }
}
