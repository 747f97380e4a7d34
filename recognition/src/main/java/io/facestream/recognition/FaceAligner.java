package io.facestream.recognition;

import io.facestream.cascade.LandmarkSet;
import io.facestream.cascade.Point;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.List;

/**
 * Cuts a face out of a frame aligned on its five landmarks to the 112x112 template that face-recognition models
 * (ArcFace / InsightFace, MobileFaceNet) are trained on: the crop the sink keeps of every face and the input of
 * {@link FaceEmbedder}. A face with BlazeFace's six keypoints is aligned on four of them (see
 * {@link #BLAZEFACE_TEMPLATE}).
 */
public final class FaceAligner {
    public static final int ALIGNED_SIZE = 112;
    /**
     * The published 112x112 five-point template (left eye, right eye, nose, mouth left, mouth right), in the pixel
     * convention of OpenCV's warpAffine: pixel (i, j) is centred on the point (i, j).
     */
    static final double[] TEMPLATE = {
        38.2946, 51.6963,
        73.5318, 51.5014,
        56.0252, 71.7366,
        41.5493, 92.3655,
        70.7299, 92.2041,
    };
    /**
     * Where BlazeFace's eyes, nose tip and mouth centre go: the template's eyes and nose, and the middle of its mouth
     * corners. Its ear keypoints have no place in the template and are left out.
     */
    static final double[] BLAZEFACE_TEMPLATE = {
        38.2946, 51.6963,
        73.5318, 51.5014,
        56.0252, 71.7366,
        56.1396, 92.2848,
    };
    /** Samples per output pixel and axis at most, when the face is much larger than the template. */
    private static final int MAX_SUPERSAMPLING = 4;

    private FaceAligner() {
    }

    /** The transform from frame pixels to template pixels that fits the landmarks best (least squares). */
    static Similarity toTemplate(List<Point> landmarks) {
        double[] template = switch (LandmarkSet.withCount(landmarks.size())) {
            case FIVE_POINT -> TEMPLATE;
            case BLAZEFACE_SIX -> BLAZEFACE_TEMPLATE;
        };
        double[] points = new double[template.length];
        for (int i = 0; i < template.length / 2; i++) {
            points[2 * i] = landmarks.get(i).x();
            points[2 * i + 1] = landmarks.get(i).y();
        }
        return Similarity.fit(points, template);
    }

    /**
     * The face warped onto the template, 112x112, sampled bilinearly; parts outside the frame are black. A face much
     * larger than the template is supersampled (up to 4x4 samples a pixel), so that its crop does not alias.
     */
    public static BufferedImage aligned(BufferedImage frame, List<Point> landmarks) {
        Similarity fromTemplate = toTemplate(landmarks).inverse();
        BufferedImage source = asBgr(frame);
        byte[] in = pixels(source);
        int width = source.getWidth();
        int height = source.getHeight();
        BufferedImage crop = new BufferedImage(ALIGNED_SIZE, ALIGNED_SIZE, BufferedImage.TYPE_3BYTE_BGR);
        byte[] out = pixels(crop);
        int samples = (int) Math.min(MAX_SUPERSAMPLING, Math.max(1, Math.ceil(fromTemplate.scale())));
        double[] sum = new double[3];
        double[] pixel = new double[3];
        for (int v = 0; v < ALIGNED_SIZE; v++) {
            for (int u = 0; u < ALIGNED_SIZE; u++) {
                sum[0] = sum[1] = sum[2] = 0;
                for (int sv = 0; sv < samples; sv++) {
                    for (int su = 0; su < samples; su++) {
                        // Sample positions spread evenly over the output pixel, centred on (u, v).
                        double tu = u + (su + 0.5) / samples - 0.5;
                        double tv = v + (sv + 0.5) / samples - 0.5;
                        bilinear(in, width, height, fromTemplate.x(tu, tv), fromTemplate.y(tu, tv), pixel);
                        sum[0] += pixel[0];
                        sum[1] += pixel[1];
                        sum[2] += pixel[2];
                    }
                }
                int o = (v * ALIGNED_SIZE + u) * 3;
                double count = samples * samples;
                for (int c = 0; c < 3; c++) {
                    out[o + c] = (byte) Math.min(255, Math.round(sum[c] / count));
                }
            }
        }
        return crop;
    }

    /** The pixel value at (x, y), pixel (i, j) centred on (i, j); zero outside the image. */
    private static void bilinear(byte[] in, int width, int height, double x, double y, double[] pixel) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        pixel[0] = pixel[1] = pixel[2] = 0;
        accumulate(in, width, height, x0, y0, (1 - fx) * (1 - fy), pixel);
        accumulate(in, width, height, x0 + 1, y0, fx * (1 - fy), pixel);
        accumulate(in, width, height, x0, y0 + 1, (1 - fx) * fy, pixel);
        accumulate(in, width, height, x0 + 1, y0 + 1, fx * fy, pixel);
    }

    private static void accumulate(byte[] in, int width, int height, int x, int y, double weight, double[] pixel) {
        if (x < 0 || y < 0 || x >= width || y >= height || weight == 0) {
            return;
        }
        int i = (y * width + x) * 3;
        pixel[0] += weight * (in[i] & 0xff);
        pixel[1] += weight * (in[i + 1] & 0xff);
        pixel[2] += weight * (in[i + 2] & 0xff);
    }

    /** The image as packed 3-byte BGR (what ImageIO's JPEG reader gives for colour), converted when it is not. */
    private static BufferedImage asBgr(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR && image.getRaster().getParent() == null
                && image.getRaster().getDataBuffer().getSize() == image.getWidth() * image.getHeight() * 3) {
            return image;
        }
        BufferedImage bgr = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D graphics = bgr.createGraphics();
        graphics.drawImage(image, 0, 0, null);
        graphics.dispose();
        return bgr;
    }

    private static byte[] pixels(BufferedImage bgr) {
        return ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
    }
}
