package dev.gradfit.formats.json;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.jsonFormatVisitors.JsonFormatVisitorWrapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.jdk.JDKArraySerializers;

/**
 * Jackson's own serializers for {@code double[]} and {@code int[]}, except that an array of at least
 * {@link NumberArrayWriter#MIN_VALUES} elements is written by {@link NumberArrayWriter}, with the same bytes:
 * a bulk prediction's values, probabilities and labels, a long cost history, an inference output's data.
 * Where a property asks for another shape ({@code @JsonFormat}), Jackson's serializer alone writes it.
 */
public final class LongArraysModule extends SimpleModule {

    public LongArraysModule(NumberArrayWriter writer) {
        super("gradfit-long-arrays");
        addSerializer(double[].class, new DoubleArrays(writer));
        addSerializer(int[].class, new IntArrays(writer));
    }

    /** {@code double[]}: long ones in chunks, the rest by Jackson. */
    public static final class DoubleArrays extends ValueSerializer<double[]> {

        private static final JDKArraySerializers.DoubleArraySerializer JACKSON =
                new JDKArraySerializers.DoubleArraySerializer();

        private final NumberArrayWriter writer;

        DoubleArrays(NumberArrayWriter writer) {
            this.writer = writer;
        }

        @Override
        public void serialize(double[] values, JsonGenerator out, SerializationContext context) {
            if (!writer.write(out, values, values.length, i -> values[i])) {
                JACKSON.serialize(values, out, context);
            }
        }

        /**
         * Writes {@code length} doubles read by index, as a {@code double[]} of them would be written, without
         * copying them into one: a model's weights.
         */
        public void serialize(int length, NumberArrayWriter.Doubles values, JsonGenerator out) {
            if (!writer.write(out, values, length, values)) {
                out.writeStartArray(values, length);
                for (int i = 0; i < length; i++) {
                    out.writeNumber(values.get(i));
                }
                out.writeEndArray();
            }
        }

        @Override
        public ValueSerializer<?> createContextual(SerializationContext context, BeanProperty property) {
            ValueSerializer<?> jackson = JACKSON.createContextual(context, property);
            return jackson == JACKSON ? this : jackson;
        }

        @Override
        public boolean isEmpty(SerializationContext context, double[] values) {
            return values.length == 0;
        }

        @Override
        public void acceptJsonFormatVisitor(JsonFormatVisitorWrapper visitor, JavaType type) {
            JACKSON.acceptJsonFormatVisitor(visitor, type);
        }
    }

    /** {@code int[]}: long ones in chunks, the rest by Jackson. */
    static final class IntArrays extends ValueSerializer<int[]> {

        private static final JDKArraySerializers.IntArraySerializer JACKSON =
                new JDKArraySerializers.IntArraySerializer();

        private final NumberArrayWriter writer;

        IntArrays(NumberArrayWriter writer) {
            this.writer = writer;
        }

        @Override
        public void serialize(int[] values, JsonGenerator out, SerializationContext context) {
            if (!writer.write(out, values)) {
                JACKSON.serialize(values, out, context);
            }
        }

        @Override
        public ValueSerializer<?> createContextual(SerializationContext context, BeanProperty property) {
            ValueSerializer<?> jackson = JACKSON.createContextual(context, property);
            return jackson == JACKSON ? this : jackson;
        }

        @Override
        public boolean isEmpty(SerializationContext context, int[] values) {
            return values.length == 0;
        }

        @Override
        public void acceptJsonFormatVisitor(JsonFormatVisitorWrapper visitor, JavaType type) {
            JACKSON.acceptJsonFormatVisitor(visitor, type);
        }
    }
}
