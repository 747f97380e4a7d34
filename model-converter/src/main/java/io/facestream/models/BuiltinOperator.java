package io.facestream.models;

import java.util.Arrays;

/** The TensorFlow Lite builtin operators this project knows by name (codes from the TFLite schema). */
enum BuiltinOperator {
    ADD(0),
    AVERAGE_POOL_2D(1),
    CONCATENATION(2),
    CONV_2D(3),
    DEPTHWISE_CONV_2D(4),
    DEQUANTIZE(6),
    FULLY_CONNECTED(9),
    MAX_POOL_2D(17),
    MUL(18),
    RELU(19),
    RESHAPE(22),
    RESIZE_BILINEAR(23),
    SOFTMAX(25),
    PAD(34),
    TRANSPOSE(39),
    MEAN(40),
    SUB(41),
    DIV(42),
    EXP(47),
    PRELU(54),
    NEG(59),
    SUM(74),
    REDUCE_MAX(82),
    ABS(101);

    private final int code;

    BuiltinOperator(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }

    static BuiltinOperator ofCode(int code) {
        return Arrays.stream(values()).filter(op -> op.code == code).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown TFLite builtin operator code " + code));
    }
}
