package io.facestream.models;

import java.util.Optional;
import java.util.Set;

/**
 * A residual step whose shortcut gains channels by zero padding (BlazeFace's blocks that widen the map):
 * {@code RELU(ADD(PAD(x), CONV_2D(y)))}, the PAD adding zero channels after x's C channels and nothing else.
 * Only the CONV's first C channels meet x; the rest pass the zeros unchanged. So it is written as
 * {@code Concat(Relu(Conv_first(y) + x), Relu(Conv_rest(y)))}: the same sums, with no Pad.
 *
 * <p>Why: ONNX Runtime's CPU provider runs convolutions in a blocked channel layout (NCHWc) and can fold an Add and a
 * Relu into the Conv before them, but it has no blocked Pad. Each Pad sent the map back to the plain layout and
 * back again, and the Adds and Relus after it ran as nodes of their own: in BlazeFace's full-range model, 0.9 of its
 * 3.5 ms (ONNX Runtime's profiler, 2-core AMD EPYC). A blocked Concat needs each part's channels to be a whole number
 * of blocks, so the pattern is only taken where both parts are multiples of {@link #CHANNEL_BLOCK}; elsewhere (the
 * short-range model's 24 to 28 channels) the Pad stays.
 *
 * @param conv      the CONV_2D whose output is split
 * @param shortcut  tensor x, the unpadded shortcut
 * @param output    the RELU's output
 * @param operators indices of the CONV_2D, PAD, ADD and RELU; the RELU ({@code anchor}) is the last
 */
record PaddedShortcutPattern(TfliteOperator conv, int shortcut, int output, Set<Integer> operators, int anchor)
        implements OperatorPattern {

    /** ONNX Runtime's widest NCHWc block (AVX-512: 16 floats); multiples of it are whole blocks on any CPU. */
    static final int CHANNEL_BLOCK = 16;

    @Override
    public void writeTo(TfliteToOnnx converter) {
        converter.paddedShortcut(this);
    }

    static Optional<PaddedShortcutPattern> endingAt(TfliteGraph graph, TfliteOperator relu) {
        if (relu.op() != BuiltinOperator.RELU) {
            return Optional.empty();
        }
        Optional<TfliteOperator> add = graph.soleProducer(relu.input(0), BuiltinOperator.ADD)
                .filter(op -> op.inputs().length == 2 && op.isPlainArithmetic());
        if (add.isEmpty()) {
            return Optional.empty();
        }
        for (int side = 0; side < 2; side++) {
            Optional<TfliteOperator> pad = graph.soleProducer(add.get().input(side), BuiltinOperator.PAD)
                    .filter(op -> padsChannelsOnly(graph, op));
            Optional<TfliteOperator> conv = graph.soleProducer(add.get().input(1 - side), BuiltinOperator.CONV_2D);
            if (pad.isPresent() && conv.isPresent()) {
                int shortcut = pad.get().input(0);
                int channels = graph.tensor(shortcut).dim(-1);
                int added = graph.tensor(conv.get().output()).dim(-1) - channels;
                if (channels % CHANNEL_BLOCK == 0 && added % CHANNEL_BLOCK == 0) {
                    return Optional.of(new PaddedShortcutPattern(conv.get(), shortcut, relu.output(),
                            Set.of(conv.get().index(), pad.get().index(), add.get().index(), relu.index()),
                            relu.index()));
                }
            }
        }
        return Optional.empty();
    }

    /** A PAD of a map by zeros after its last (channel) axis only, amounts stored as constants. */
    private static boolean padsChannelsOnly(TfliteGraph graph, TfliteOperator pad) {
        int[] amounts = graph.tensor(pad.input(1)).intData();
        if (pad.inputs().length != 2 || graph.tensor(pad.input(0)).rank() != 4 || amounts == null
                || amounts.length != 8) {
            return false;
        }
        for (int i = 0; i < 7; i++) {
            if (amounts[i] != 0) {
                return false;
            }
        }
        return amounts[7] > 0;
    }
}
