package io.facestream.models;

import java.util.Arrays;

/** One operator of a TFLite subgraph; inputs and outputs are tensor indices (-1: optional input left out). */
record TfliteOperator(int index, BuiltinOperator op, int[] inputs, int[] outputs, OperatorOptions options) {

    int input(int i) {
        return inputs[i];
    }

    int output() {
        if (outputs.length != 1) {
            throw new IllegalStateException(this + " has " + outputs.length + " outputs");
        }
        return outputs[0];
    }

    /** An ADD, SUB or MUL that applies no activation of its own to what it computes. */
    boolean isPlainArithmetic() {
        return options instanceof OperatorOptions.Arithmetic arithmetic
                && arithmetic.activation() == OperatorOptions.Activation.NONE;
    }

    @Override
    public String toString() {
        return "op #" + index + " " + op + " " + Arrays.toString(inputs) + " -> " + Arrays.toString(outputs);
    }
}
