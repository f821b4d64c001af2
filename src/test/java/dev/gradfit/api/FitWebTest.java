package dev.gradfit.api;

import dev.gradfit.service.FitExecutor;
import dev.gradfit.service.FitMeters;
import dev.gradfit.service.FitService;
import dev.gradfit.service.ModelService;
import dev.gradfit.service.PredictionService;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;

/**
 * The web layer over the real service layer, so that requests run real fits through MockMvc; only the
 * model store is left to the test (a {@code @MockitoBean} or a bean of its own).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ControllerSliceTest
@Import({FitService.class, ModelService.class, PredictionService.class, FitExecutor.class, FitMeters.class})
public @interface FitWebTest {}
