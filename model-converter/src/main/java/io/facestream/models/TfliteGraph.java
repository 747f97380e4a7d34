package io.facestream.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The single subgraph of a TFLite model: tensors, operators in execution order, graph inputs and outputs. */
record TfliteGraph(List<TfliteTensor> tensors, List<TfliteOperator> operators, int[] inputs, int[] outputs) {

    TfliteTensor tensor(int index) {
        return tensors.get(index);
    }

    TfliteTensor input() {
        if (inputs.length != 1) {
            throw new IllegalStateException("expected one graph input, found " + inputs.length);
        }
        return tensor(inputs[0]);
    }

    /** The operator that writes {@code tensor}, if any (none for constants and graph inputs). */
    Optional<TfliteOperator> producer(int tensor) {
        for (TfliteOperator op : operators) {
            for (int out : op.outputs()) {
                if (out == tensor) {
                    return Optional.of(op);
                }
            }
        }
        return Optional.empty();
    }

    /** Every operator that reads {@code tensor}. */
    List<TfliteOperator> consumers(int tensor) {
        List<TfliteOperator> readers = new ArrayList<>();
        for (TfliteOperator op : operators) {
            for (int in : op.inputs()) {
                if (in == tensor) {
                    readers.add(op);
                    break;
                }
            }
        }
        return readers;
    }

    /** The operator of kind {@code op} writing {@code tensor}, when nothing else reads it (a pattern's inner step). */
    Optional<TfliteOperator> soleProducer(int tensor, BuiltinOperator op) {
        if (isGraphOutput(tensor) || consumers(tensor).size() != 1) {
            return Optional.empty();
        }
        return producer(tensor).filter(producer -> producer.op() == op);
    }

    boolean isGraphOutput(int tensor) {
        for (int out : outputs) {
            if (out == tensor) {
                return true;
            }
        }
        return false;
    }
}
