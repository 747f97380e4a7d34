package io.facestream.cascade;

/**
 * Settings of a {@link FaceDetector}. The defaults are those of the MTCNN paper's reference code
 * and its widely used ports, so results compare with theirs.
 *
 * @param minFaceSize     smallest face side in pixels looked for (sets the first pyramid scale)
 * @param pyramidFactor   ratio between successive pyramid scales
 * @param pnetThreshold   minimum P-Net face score of a proposal
 * @param rnetThreshold   minimum R-Net score
 * @param onetThreshold   minimum O-Net score, that of the faces returned
 * @param pnetLevelNms    IoU above which P-Net boxes of one pyramid level are merged
 * @param pnetNms         IoU above which P-Net boxes of all levels are merged
 * @param rnetNms         IoU above which R-Net boxes are merged
 * @param onetNms         overlap of the smaller box above which O-Net boxes are merged
 * @param maxInputSide    frames with a longer side are detected as if downscaled to it (0: never)
 * @param threads         CPU threads the cascade runs on
 * @param provider        where the networks run
 */
public record DetectorOptions(int minFaceSize, float pyramidFactor,
                              float pnetThreshold, float rnetThreshold, float onetThreshold,
                              float pnetLevelNms, float pnetNms, float rnetNms, float onetNms,
                              int maxInputSide, int threads, ExecutionProvider provider) {

    public DetectorOptions {
        requireAtLeast("minFaceSize", minFaceSize, 1);
        if (!(pyramidFactor > 0f && pyramidFactor < 1f)) {
            throw new IllegalArgumentException("pyramidFactor must be between 0 and 1 (exclusive), got " + pyramidFactor);
        }
        requireFraction("pnetThreshold", pnetThreshold);
        requireFraction("rnetThreshold", rnetThreshold);
        requireFraction("onetThreshold", onetThreshold);
        requireFraction("pnetLevelNms", pnetLevelNms);
        requireFraction("pnetNms", pnetNms);
        requireFraction("rnetNms", rnetNms);
        requireFraction("onetNms", onetNms);
        requireAtLeast("maxInputSide", maxInputSide, 0);
        requireAtLeast("threads", threads, 1);
        if (provider == null) {
            throw new IllegalArgumentException("provider must be one of AUTO, CPU, CUDA");
        }
    }

    public static DetectorOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().minFaceSize(minFaceSize).pyramidFactor(pyramidFactor)
                .thresholds(pnetThreshold, rnetThreshold, onetThreshold)
                .nms(pnetLevelNms, pnetNms, rnetNms, onetNms)
                .maxInputSide(maxInputSide).threads(threads).provider(provider);
    }

    private static void requireFraction(String name, float value) {
        if (!(value >= 0f && value <= 1f)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, got " + value);
        }
    }

    private static void requireAtLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
        }
    }

    /** Builds options starting from the reference defaults. */
    public static final class Builder {
        private int minFaceSize = 20;
        private float pyramidFactor = 0.709f;
        private float pnetThreshold = 0.6f;
        private float rnetThreshold = 0.7f;
        private float onetThreshold = 0.7f;
        private float pnetLevelNms = 0.5f;
        private float pnetNms = 0.7f;
        private float rnetNms = 0.7f;
        private float onetNms = 0.7f;
        private int maxInputSide = 1920;
        private int threads = Runtime.getRuntime().availableProcessors();
        private ExecutionProvider provider = ExecutionProvider.AUTO;

        private Builder() {
        }

        public Builder minFaceSize(int pixels) {
            this.minFaceSize = pixels;
            return this;
        }

        public Builder pyramidFactor(float factor) {
            this.pyramidFactor = factor;
            return this;
        }

        public Builder thresholds(float pnet, float rnet, float onet) {
            this.pnetThreshold = pnet;
            this.rnetThreshold = rnet;
            this.onetThreshold = onet;
            return this;
        }

        public Builder nms(float pnetLevel, float pnet, float rnet, float onet) {
            this.pnetLevelNms = pnetLevel;
            this.pnetNms = pnet;
            this.rnetNms = rnet;
            this.onetNms = onet;
            return this;
        }

        public Builder maxInputSide(int pixels) {
            this.maxInputSide = pixels;
            return this;
        }

        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        public Builder provider(ExecutionProvider provider) {
            this.provider = provider;
            return this;
        }

        public DetectorOptions build() {
            return new DetectorOptions(minFaceSize, pyramidFactor, pnetThreshold, rnetThreshold, onetThreshold,
                    pnetLevelNms, pnetNms, rnetNms, onetNms, maxInputSide, threads, provider);
        }
    }
}
