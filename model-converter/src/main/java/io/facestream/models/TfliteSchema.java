package io.facestream.models;

import com.google.flatbuffers.Table;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Hand-written FlatBuffers accessors for the few TensorFlow Lite schema tables the converted files use.
 * Generated code from Debian's flatc does not compile against flatbuffers-java 25.x, hence these.
 * Each accessor reads a field by its schema id (vtable slot {@code 4 + 2 * id}).
 */
final class TfliteSchema {
    private TfliteSchema() {
    }

    /** Vtable slot of the field with schema id {@code id}. */
    static int slot(int id) {
        return 4 + 2 * id;
    }

    /** Shared field readers on top of flatbuffers' Table. */
    abstract static class SchemaTable extends Table {
        SchemaTable at(int position, ByteBuffer buffer) {
            __reset(position, buffer);
            return this;
        }

        int intField(int id, int absent) {
            int offset = __offset(slot(id));
            return offset == 0 ? absent : bb.getInt(bb_pos + offset);
        }

        int byteField(int id, int absent) {
            int offset = __offset(slot(id));
            return offset == 0 ? absent : bb.get(bb_pos + offset);
        }

        boolean boolField(int id) {
            return byteField(id, 0) != 0;
        }

        String stringField(int id) {
            int offset = __offset(slot(id));
            return offset == 0 ? null : __string(bb_pos + offset);
        }

        int vectorLength(int id) {
            int offset = __offset(slot(id));
            return offset == 0 ? 0 : __vector_len(offset);
        }

        int[] intVector(int id) {
            int offset = __offset(slot(id));
            if (offset == 0) {
                return new int[0];
            }
            int start = __vector(offset);
            int[] values = new int[__vector_len(offset)];
            for (int i = 0; i < values.length; i++) {
                values[i] = bb.getInt(start + 4 * i);
            }
            return values;
        }

        byte[] byteVector(int id) {
            int offset = __offset(slot(id));
            if (offset == 0) {
                return new byte[0];
            }
            int start = __vector(offset);
            byte[] values = new byte[__vector_len(offset)];
            bb.get(start, values);
            return values;
        }

        /** Position of the i-th table of a vector of tables. */
        int tableInVector(int id, int i) {
            int offset = __offset(slot(id));
            return __indirect(__vector(offset) + 4 * i);
        }

        /** Position of a table-valued field, or -1 when absent. */
        int tableField(int id) {
            int offset = __offset(slot(id));
            return offset == 0 ? -1 : __indirect(bb_pos + offset);
        }
    }

    static final class Model extends SchemaTable {
        static Model of(ByteBuffer buffer) {
            ByteBuffer bytes = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            Model model = new Model();
            model.at(bytes.getInt(bytes.position()) + bytes.position(), bytes);
            return model;
        }

        int version() {
            return intField(0, 0);
        }

        int operatorCodeCount() {
            return vectorLength(1);
        }

        OperatorCode operatorCode(int i) {
            return (OperatorCode) new OperatorCode().at(tableInVector(1, i), bb);
        }

        int subgraphCount() {
            return vectorLength(2);
        }

        SubGraph subgraph(int i) {
            return (SubGraph) new SubGraph().at(tableInVector(2, i), bb);
        }

        int bufferCount() {
            return vectorLength(4);
        }

        Buffer buffer(int i) {
            return (Buffer) new Buffer().at(tableInVector(4, i), bb);
        }
    }

    static final class OperatorCode extends SchemaTable {
        /** These files fill only the deprecated byte field; newer writers fill the int one. */
        int builtinCode() {
            return Math.max(byteField(0, 0), intField(3, 0));
        }
    }

    static final class SubGraph extends SchemaTable {
        int tensorCount() {
            return vectorLength(0);
        }

        Tensor tensor(int i) {
            return (Tensor) new Tensor().at(tableInVector(0, i), bb);
        }

        int[] inputs() {
            return intVector(1);
        }

        int[] outputs() {
            return intVector(2);
        }

        int operatorCount() {
            return vectorLength(3);
        }

        Operator operator(int i) {
            return (Operator) new Operator().at(tableInVector(3, i), bb);
        }
    }

    static final class Tensor extends SchemaTable {
        int[] shape() {
            return intVector(0);
        }

        int type() {
            return byteField(1, 0);
        }

        int buffer() {
            return intField(2, 0);
        }

        String name() {
            return stringField(3);
        }
    }

    static final class Buffer extends SchemaTable {
        byte[] data() {
            return byteVector(0);
        }
    }

    static final class Operator extends SchemaTable {
        int opcodeIndex() {
            return intField(0, 0);
        }

        int[] inputs() {
            return intVector(1);
        }

        int[] outputs() {
            return intVector(2);
        }

        int builtinOptionsType() {
            return byteField(3, 0) & 0xff;
        }

        /** The options table, read through {@code view}; null when the operator has none. */
        <T extends SchemaTable> T builtinOptions(T view) {
            int position = tableField(4);
            if (position < 0) {
                return null;
            }
            view.at(position, bb);
            return view;
        }
    }

    static final class Conv2DOptions extends SchemaTable {
        int padding() {
            return byteField(0, 0);
        }

        int strideW() {
            return intField(1, 0);
        }

        int strideH() {
            return intField(2, 0);
        }

        int fusedActivation() {
            return byteField(3, 0);
        }

        int dilationW() {
            return intField(4, 1);
        }

        int dilationH() {
            return intField(5, 1);
        }
    }

    static final class DepthwiseConv2DOptions extends SchemaTable {
        int padding() {
            return byteField(0, 0);
        }

        int strideW() {
            return intField(1, 0);
        }

        int strideH() {
            return intField(2, 0);
        }

        int depthMultiplier() {
            return intField(3, 0);
        }

        int fusedActivation() {
            return byteField(4, 0);
        }

        int dilationW() {
            return intField(5, 1);
        }

        int dilationH() {
            return intField(6, 1);
        }
    }

    static final class Pool2DOptions extends SchemaTable {
        int padding() {
            return byteField(0, 0);
        }

        int strideW() {
            return intField(1, 0);
        }

        int strideH() {
            return intField(2, 0);
        }

        int filterWidth() {
            return intField(3, 0);
        }

        int filterHeight() {
            return intField(4, 0);
        }

        int fusedActivation() {
            return byteField(5, 0);
        }
    }

    static final class FullyConnectedOptions extends SchemaTable {
        int fusedActivation() {
            return byteField(0, 0);
        }

        int weightsFormat() {
            return byteField(1, 0);
        }

        boolean keepNumDims() {
            return boolField(2);
        }
    }

    /** AddOptions, SubOptions, MulOptions and DivOptions all begin with the fused activation. */
    static final class ArithmeticOptions extends SchemaTable {
        int fusedActivation() {
            return byteField(0, 0);
        }
    }

    static final class ReshapeOptions extends SchemaTable {
        int[] newShape() {
            return intVector(0);
        }
    }

    static final class ReducerOptions extends SchemaTable {
        boolean keepDims() {
            return boolField(0);
        }
    }

    static final class SoftmaxOptions extends SchemaTable {
        float beta() {
            int offset = __offset(slot(0));
            return offset == 0 ? 0f : bb.getFloat(bb_pos + offset);
        }
    }

    static final class ConcatenationOptions extends SchemaTable {
        int axis() {
            return intField(0, 0);
        }

        int fusedActivation() {
            return byteField(1, 0);
        }
    }

    /** Fields 0 and 1 (new height and width) are deprecated: the size is the operator's second input. */
    static final class ResizeBilinearOptions extends SchemaTable {
        boolean alignCorners() {
            return boolField(2);
        }

        boolean halfPixelCenters() {
            return boolField(3);
        }
    }
}
