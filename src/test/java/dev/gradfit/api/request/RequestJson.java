package dev.gradfit.api.request;

import dev.gradfit.formats.FeatureMatrix;
import dev.gradfit.formats.Targets;
import dev.gradfit.formats.json.FeatureMatrixDeserializer;
import dev.gradfit.formats.json.FiniteNumbers;
import dev.gradfit.formats.json.TargetsDeserializer;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/** A mapper set up as the application's for request bodies, without Spring: its limits, features and readers. */
final class RequestJson {

    static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(32)
                            .maxNumberLength(100)
                            .maxStringLength(10000)
                            .maxNameLength(256)
                            .build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // as spring.jackson sets it
            .addModule(new SimpleModule()
                    .addDeserializer(FeatureMatrix.class, new FeatureMatrixDeserializer())
                    .addDeserializer(Double.class, new FiniteNumbers.ScalarDeserializer())
                    .addDeserializer(double[].class, new FiniteNumbers.ArrayDeserializer())
                    .addDeserializer(LossBody.class, new LossBodyDeserializer())
                    .addDeserializer(Targets.class, new TargetsDeserializer())
                    .addDeserializer(ClassWeightsBody.class, new ClassWeightsBody.Reader()))
            .build();

    private RequestJson() {}
}
