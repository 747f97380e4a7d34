package io.facestream.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.facestream.cascade.DetectorOptions;
import io.facestream.cascade.Face;
import io.facestream.cascade.FaceDetector;
import io.facestream.cascade.Point;
import io.facestream.cascade.RgbImage;
import io.facestream.samples.SamplePhoto;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaceAlignerTest {

    @Test
    void theFittedTransformIsTheOneThatMovedThePoints() {
        Similarity known = new Similarity(2.1 * Math.cos(0.4), 2.1 * Math.sin(0.4), 130.5, -20.25);
        double[] moved = apply(known, FaceAligner.TEMPLATE);

        Similarity fitted = Similarity.fit(FaceAligner.TEMPLATE, moved);

        assertThat(fitted.a()).isCloseTo(known.a(), within(1e-9));
        assertThat(fitted.b()).isCloseTo(known.b(), within(1e-9));
        assertThat(fitted.tx()).isCloseTo(known.tx(), within(1e-7));
        assertThat(fitted.ty()).isCloseTo(known.ty(), within(1e-7));
        double[] back = apply(fitted.inverse(), moved);
        for (int i = 0; i < back.length; i++) {
            assertThat(back[i]).isCloseTo(FaceAligner.TEMPLATE[i], within(1e-7));
        }
    }

    @Test
    void aRotatedAndScaledSyntheticFaceComesBackWithItsPointsOnTheTemplate() {
        for (double[] pose : new double[][] {{2.6, Math.toRadians(25), 90, 40}, {0.8, Math.toRadians(-40), 60, 150},
                {1.0, 0, 5, 3}}) {
            Similarity placed = new Similarity(pose[0] * Math.cos(pose[1]), pose[0] * Math.sin(pose[1]), pose[2], pose[3]);
            double[] landmarks = apply(placed, FaceAligner.TEMPLATE);
            BufferedImage frame = dots(400, 400, landmarks, 3 * pose[0]);

            BufferedImage crop = FaceAligner.aligned(frame, landmarks(landmarks));

            assertThat(crop.getWidth()).isEqualTo(FaceAligner.ALIGNED_SIZE);
            assertThat(crop.getHeight()).isEqualTo(FaceAligner.ALIGNED_SIZE);
            for (int i = 0; i < 5; i++) {
                double[] found = brightCentroid(crop, FaceAligner.TEMPLATE[2 * i], FaceAligner.TEMPLATE[2 * i + 1], 7);
                assertThat(Math.hypot(found[0] - FaceAligner.TEMPLATE[2 * i], found[1] - FaceAligner.TEMPLATE[2 * i + 1]))
                        .as("landmark %d at scale %s, rotation %s", i, pose[0], pose[1]).isLessThan(1.0);
            }
        }
    }

    @Test
    void blazeFaceKeypointsAreAlignedOnTheirEyesNoseAndMouthCentreWhereverTheEarsAre() {
        Similarity placed = new Similarity(1.7 * Math.cos(0.3), 1.7 * Math.sin(0.3), 70, 20);
        double[] four = apply(placed, FaceAligner.BLAZEFACE_TEMPLATE);
        List<Point> six = new ArrayList<>(landmarks(four));
        six.add(new Point(30, 300));
        six.add(new Point(390, 10));

        Similarity fitted = FaceAligner.toTemplate(six);

        double[] back = apply(fitted, four);
        for (int i = 0; i < back.length; i++) {
            assertThat(back[i]).isCloseTo(FaceAligner.BLAZEFACE_TEMPLATE[i], within(1e-4));
        }
    }

    @Test
    void aGreyFrameIsAlignedAsWell() {
        double[] landmarks = apply(new Similarity(1.5, 0.3, 40, 20), FaceAligner.TEMPLATE);
        BufferedImage colour = dots(300, 300, landmarks, 4);
        BufferedImage grey = new BufferedImage(300, 300, BufferedImage.TYPE_BYTE_GRAY);
        grey.getGraphics().drawImage(colour, 0, 0, null);

        BufferedImage crop = FaceAligner.aligned(grey, landmarks(landmarks));

        double[] leftEye = brightCentroid(crop, FaceAligner.TEMPLATE[0], FaceAligner.TEMPLATE[1], 7);
        assertThat(Math.hypot(leftEye[0] - FaceAligner.TEMPLATE[0], leftEye[1] - FaceAligner.TEMPLATE[1])).isLessThan(1.0);
    }

    @Test
    void theRealFaceComesOutUprightAndTheSameAtTwoScales() throws Exception {
        BufferedImage photo = RgbImage.read(SamplePhoto.ASTRONAUT.path()).toBufferedImage();
        BufferedImage half = half(photo);
        Face large;
        Face small;
        try (FaceDetector detector = FaceDetector.create(DetectorOptions.builder().threads(1).build())) {
            large = detector.detect(RgbImage.of(photo)).get(0);
            small = detector.detect(RgbImage.of(half)).get(0);
        }

        BufferedImage alignedLarge = FaceAligner.aligned(photo, large.landmarks());
        BufferedImage alignedSmall = FaceAligner.aligned(half, small.landmarks());

        // Upright: the astronaut looks straight at the camera, so the eyes need hardly any turning.
        Similarity fit = FaceAligner.toTemplate(large.landmarks());
        assertThat(Math.toDegrees(fit.rotation())).isBetween(-10.0, 10.0);
        double[] eyes = apply(fit, new double[] {large.landmarks().get(0).x(), large.landmarks().get(0).y(),
                large.landmarks().get(1).x(), large.landmarks().get(1).y()});
        assertThat(eyes[1]).isCloseTo(FaceAligner.TEMPLATE[1], within(3.0));
        assertThat(eyes[3]).isCloseTo(FaceAligner.TEMPLATE[3], within(3.0));
        // Same face, same crop: far closer to each other than to the crop moved by a few pixels.
        double sameFace = meanDifference(alignedLarge, alignedSmall, 0);
        double shifted = meanDifference(alignedLarge, alignedLarge, 6);
        assertThat(sameFace).isLessThan(12.0).isLessThan(shifted / 2);
        // The dark of the eyes lies on the template's eye row, well above the bright cheeks.
        for (int eyeX : new int[] {38, 73}) {
            assertThat(meanBrightness(alignedLarge, 52, eyeX - 4, eyeX + 5))
                    .isLessThan(0.7 * meanBrightness(alignedLarge, 62, eyeX - 4, eyeX + 5));
        }
    }

    private static double[] apply(Similarity transform, double[] points) {
        double[] moved = new double[points.length];
        for (int i = 0; i < points.length; i += 2) {
            moved[i] = transform.x(points[i], points[i + 1]);
            moved[i + 1] = transform.y(points[i], points[i + 1]);
        }
        return moved;
    }

    private static List<Point> landmarks(double[] points) {
        List<Point> landmarks = new ArrayList<>();
        for (int i = 0; i < points.length; i += 2) {
            landmarks.add(new Point((float) points[i], (float) points[i + 1]));
        }
        return landmarks;
    }

    /** {@code image} at half its size, averaging each 2x2 block. */
    private static BufferedImage half(BufferedImage image) {
        BufferedImage half = new BufferedImage(image.getWidth() / 2, image.getHeight() / 2, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < half.getHeight(); y++) {
            for (int x = 0; x < half.getWidth(); x++) {
                int[] sum = new int[3];
                for (int dy = 0; dy < 2; dy++) {
                    for (int dx = 0; dx < 2; dx++) {
                        int rgb = image.getRGB(2 * x + dx, 2 * y + dy);
                        sum[0] += (rgb >> 16) & 0xff;
                        sum[1] += (rgb >> 8) & 0xff;
                        sum[2] += rgb & 0xff;
                    }
                }
                half.setRGB(x, y, (sum[0] / 4) << 16 | (sum[1] / 4) << 8 | sum[2] / 4);
            }
        }
        return half;
    }

    /** A dark frame with a white disc of {@code radius} centred on each point (pixel (i, j) centred on (i, j)). */
    private static BufferedImage dots(int width, int height, double[] points, double radius) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D graphics = image.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        graphics.setColor(Color.WHITE);
        for (int i = 0; i < points.length; i += 2) {
            // Java2D fills pixel (i, j) by the square from (i, j) to (i + 1, j + 1): shift by half a pixel.
            graphics.fill(new Ellipse2D.Double(points[i] + 0.5 - radius, points[i + 1] + 0.5 - radius, 2 * radius,
                    2 * radius));
        }
        graphics.dispose();
        return image;
    }

    /** The brightness-weighted centre of the pixels within {@code reach} of (x, y). */
    private static double[] brightCentroid(BufferedImage image, double x, double y, int reach) {
        double total = 0, sumX = 0, sumY = 0;
        for (int j = (int) y - reach; j <= (int) y + reach; j++) {
            for (int i = (int) x - reach; i <= (int) x + reach; i++) {
                double value = image.getRaster().getSample(i, j, 1);
                total += value;
                sumX += value * i;
                sumY += value * j;
            }
        }
        return new double[] {sumX / total, sumY / total};
    }

    /** Mean absolute difference per channel between {@code a} and {@code b} moved right by {@code shift} pixels. */
    private static double meanDifference(BufferedImage a, BufferedImage b, int shift) {
        double total = 0;
        int count = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x + shift < a.getWidth(); x++) {
                for (int c = 0; c < 3; c++) {
                    total += Math.abs(a.getRaster().getSample(x + shift, y, c) - b.getRaster().getSample(x, y, c));
                    count++;
                }
            }
        }
        return total / count;
    }

    private static double meanBrightness(BufferedImage image, int row, int fromX, int toX) {
        double total = 0;
        for (int x = fromX; x < toX; x++) {
            for (int c = 0; c < 3; c++) {
                total += image.getRaster().getSample(x, row, c);
            }
        }
        return total / (3.0 * (toX - fromX));
    }
}
