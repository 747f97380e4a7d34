package io.facestream.models;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Everything the converter writes to ONNX: the spelled-out patterns it recognises and the single
 * TFLite operators it maps. The one place a new model's operators are added; the converter refuses
 * any operator that is in neither table, naming it.
 */
final class OperatorTable {

    /** Finds a pattern ending at an operator. */
    interface PatternFinder {
        Optional<? extends OperatorPattern> endingAt(TfliteGraph graph, TfliteOperator last);
    }

    /** Tried at every operator, in this order, before {@link #SINGLE}; an operator ends at most one pattern. */
    static final List<PatternFinder> PATTERNS = List.of(
            PreluPattern::negatedForm,    // MTCNN
            PreluPattern::absoluteForm,   // MobileFaceNet
            SoftmaxPattern::endingAt,     // MTCNN
            PaddedShortcutPattern::endingAt);  // BlazeFace (full range)

    /** Operators written on their own, each by the converter's method of the same name. */
    static final Map<BuiltinOperator, BiConsumer<TfliteToOnnx, TfliteOperator>> SINGLE = Map.ofEntries(
            Map.entry(BuiltinOperator.CONV_2D, TfliteToOnnx::conv),
            Map.entry(BuiltinOperator.DEPTHWISE_CONV_2D, TfliteToOnnx::depthwiseConv),
            Map.entry(BuiltinOperator.MAX_POOL_2D, TfliteToOnnx::maxPool),
            Map.entry(BuiltinOperator.FULLY_CONNECTED, TfliteToOnnx::fullyConnected),
            Map.entry(BuiltinOperator.SOFTMAX, TfliteToOnnx::softmax),
            Map.entry(BuiltinOperator.ADD, TfliteToOnnx::add),
            Map.entry(BuiltinOperator.RESHAPE, TfliteToOnnx::reshape),
            Map.entry(BuiltinOperator.DEQUANTIZE, TfliteToOnnx::dequantize),     // BlazeFace
            Map.entry(BuiltinOperator.RELU, TfliteToOnnx::relu),                 // BlazeFace
            Map.entry(BuiltinOperator.PAD, TfliteToOnnx::pad),                   // BlazeFace
            Map.entry(BuiltinOperator.CONCATENATION, TfliteToOnnx::concatenation),  // BlazeFace
            Map.entry(BuiltinOperator.RESIZE_BILINEAR, TfliteToOnnx::resizeBilinear));  // BlazeFace

    private OperatorTable() {
    }
}
