package io.facestream.models;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** Assembles a float32 ONNX graph node by node, in the order the nodes are added. */
final class OnnxGraphBuilder {
    static final long IR_VERSION = 8;
    static final long OPSET = 17;

    private final GraphProto.Builder graph = GraphProto.newBuilder();

    OnnxGraphBuilder(String name) {
        graph.setName(name);
    }

    void input(String name, List<Dimension> shape) {
        graph.addInput(valueInfo(name, shape));
    }

    void output(String name, List<Dimension> shape) {
        graph.addOutput(valueInfo(name, shape));
    }

    void initializer(String name, long[] dims, float[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        initializer(name, dims, TensorProto.DataType.FLOAT, raw);
    }

    /** An int64 constant, such as a shape or padding amounts. */
    void initializer(String name, long[] dims, long[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(values);
        initializer(name, dims, TensorProto.DataType.INT64, raw);
    }

    private void initializer(String name, long[] dims, TensorProto.DataType type, ByteBuffer raw) {
        TensorProto.Builder tensor = TensorProto.newBuilder()
                .setName(name)
                .setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(raw.array()));
        for (long dim : dims) {
            tensor.addDims(dim);
        }
        graph.addInitializer(tensor);
    }

    void node(String opType, String name, List<String> inputs, String output, AttributeProto... attributes) {
        graph.addNode(NodeProto.newBuilder()
                .setOpType(opType)
                .setName(name)
                .addAllInput(inputs)
                .addOutput(output)
                .addAllAttribute(List.of(attributes)));
    }

    ModelProto model(String producer, String docString) {
        return ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName(producer)
                .setDocString(docString)
                .setGraph(graph)
                .build();
    }

    static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder attribute = AttributeProto.newBuilder()
                .setName(name)
                .setType(AttributeProto.AttributeType.INTS);
        for (long value : values) {
            attribute.addInts(value);
        }
        return attribute.build();
    }

    static AttributeProto integer(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto text(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build();
    }

    private static ValueInfoProto valueInfo(String name, List<Dimension> shape) {
        TensorShapeProto.Builder dims = TensorShapeProto.newBuilder();
        for (Dimension dimension : shape) {
            TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
            if (dimension.isNamed()) {
                dim.setDimParam(dimension.name());
            } else {
                dim.setDimValue(dimension.size());
            }
            dims.addDim(dim);
        }
        TypeProto type = TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder()
                        .setElemType(TensorProto.DataType.FLOAT.getNumber())
                        .setShape(dims))
                .build();
        return ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }
}
