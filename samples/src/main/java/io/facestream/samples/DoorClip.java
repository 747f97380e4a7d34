package io.facestream.samples;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * Door-camera clips made from the sample photos, for tests and benchmarks of video detection: a still
 * background (coffee.png, no face) where people (head-and-shoulders cut-outs around confident faces of
 * the sample photos) walk in, stand swaying a little, step closer and leave, the lights change, and
 * the sensor adds noise. Any size and rate; the same clip, size and time always give the same picture.
 */
public enum DoorClip {
    /** Nobody; one person walks in and stands; a second joins; the first steps closer and leaves; then the second. */
    DOOR(12, List.of(
            new Walk(Person.A, new Key(1.5, -0.15, 0.36, 0.22), new Key(2.7, 0.33, 0.36, 0.22),
                    new Key(5.5, 0.33, 0.36, 0.22), new Key(6.5, 0.36, 0.42, 0.32), new Key(8.3, 0.36, 0.42, 0.32),
                    new Key(9.5, -0.25, 0.42, 0.32)),
            new Walk(Person.B, new Key(3.5, 1.2, 0.34, 0.2), new Key(4.6, 0.74, 0.34, 0.2),
                    new Key(9.8, 0.74, 0.34, 0.2), new Key(10.8, 1.2, 0.34, 0.2))),
            List.of(new Light(0, 1))),
    /** Two people in view from the first frame to the last: one steps closer and back, the other drifts sideways. */
    IN_VIEW(8, List.of(
            new Walk(Person.C, new Key(0, 0.3, 0.38, 0.22), new Key(2.5, 0.3, 0.38, 0.22),
                    new Key(3.5, 0.32, 0.42, 0.3), new Key(5.5, 0.32, 0.42, 0.3), new Key(6.5, 0.3, 0.38, 0.22),
                    new Key(8, 0.3, 0.38, 0.22)),
            new Walk(Person.D, new Key(0, 0.72, 0.36, 0.2), new Key(8, 0.62, 0.36, 0.2))),
            List.of(new Light(0, 1))),
    /** One person standing while the lights go down (switched) and come back up (dimmed up over a second). */
    LIGHTS(7, List.of(
            new Walk(Person.A, new Key(0, 0.5, 0.38, 0.24), new Key(7, 0.5, 0.38, 0.24))),
            List.of(new Light(0, 1), new Light(2.5, 1), new Light(2.6, 0.5), new Light(4.5, 0.5), new Light(5.5, 1)));

    /** Standard deviation of the sensor noise added to every colour value. */
    private static final double NOISE = 3;
    /** Swaying of a standing person, as a fraction of the frame. */
    private static final double SWAY = 0.006;

    /** A face of a sample photo (index into its reference faces) and the person around it. */
    private enum Person {
        A(SamplePhoto.SAMPLE1, 0), B(SamplePhoto.SAMPLE3, 0), C(SamplePhoto.SAMPLE1, 2), D(SamplePhoto.SAMPLE3, 1);

        final SamplePhoto photo;
        final int face;

        Person(SamplePhoto photo, int face) {
            this.photo = photo;
            this.face = face;
        }
    }

    /** Where a person's face is at a time: centre {@code x, y} and height, fractions of the frame. */
    private record Key(double seconds, double x, double y, double faceHeight) {
    }

    /** A person's way through the picture, in view from the first key to the last, linear in between. */
    private record Walk(Person person, List<Key> keys) {
        Walk(Person person, Key... keys) {
            this(person, List.of(keys));
        }

        /** The person's key at {@code t}, or null while out of the clip. */
        Key at(double t) {
            for (int i = 1; i < keys.size(); i++) {
                Key a = keys.get(i - 1);
                Key b = keys.get(i);
                if (t >= a.seconds() && t <= b.seconds()) {
                    double f = (t - a.seconds()) / (b.seconds() - a.seconds());
                    return new Key(t, a.x() + f * (b.x() - a.x()), a.y() + f * (b.y() - a.y()),
                            a.faceHeight() + f * (b.faceHeight() - a.faceHeight()));
                }
            }
            return null;
        }
    }

    /** The light's strength (1: as photographed) from a time on, linear to the next. */
    private record Light(double seconds, double level) {
    }

    /** A person's face in a frame: which person (index in the clip) and the face's box in pixels. */
    public record FaceInView(int person, Rectangle2D box) {
    }

    private final double seconds;
    private final List<Walk> walks;
    private final List<Light> lights;

    DoorClip(double seconds, List<Walk> walks, List<Light> lights) {
        this.seconds = seconds;
        this.walks = walks;
        this.lights = lights;
    }

    public double seconds() {
        return seconds;
    }

    /** Frames of this clip at {@code fps}. */
    public int frameCount(double fps) {
        return (int) Math.round(seconds * fps);
    }

    /** Draws this clip at one size: the background and the people are scaled once. */
    public Renderer renderer(int width, int height) {
        return new Renderer(width, height);
    }

    /** Draws the frames of the clip at one size. */
    public final class Renderer {
        private final int width;
        private final int height;
        private final BufferedImage background;
        private final Map<Person, CutOut> people = new EnumMap<>(Person.class);

        private Renderer(int width, int height) {
            this.width = width;
            this.height = height;
            this.background = covering(read(SamplePhoto.COFFEE), width, height);
            for (Walk walk : walks) {
                people.computeIfAbsent(walk.person(), CutOut::of);
            }
        }

        /** The picture at {@code t} seconds into the clip, with the sensor noise of frame {@code t}. */
        public BufferedImage frame(double t) {
            BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = frame.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                g.drawImage(background, 0, 0, null);
                for (Walk walk : walks) {
                    Key key = swaying(walk, walk.at(t));
                    if (key != null) {
                        CutOut person = people.get(walk.person());
                        Rectangle2D face = faceBox(key, person);
                        double scale = face.getHeight() / person.face().getHeight();
                        g.drawImage(person.image(), (int) Math.round(face.getX() - person.face().getX() * scale),
                                (int) Math.round(face.getY() - person.face().getY() * scale),
                                (int) Math.round(person.image().getWidth() * scale),
                                (int) Math.round(person.image().getHeight() * scale), null);
                    }
                }
            } finally {
                g.dispose();
            }
            lightAndNoise(frame, light(t), new SplittableRandom(ordinal() * 1_000_003L + Math.round(t * 1000)));
            return frame;
        }

        /** The faces drawn at {@code t}, also those partly outside the picture. */
        public List<FaceInView> faces(double t) {
            List<FaceInView> faces = new ArrayList<>();
            for (int i = 0; i < walks.size(); i++) {
                Key key = swaying(walks.get(i), walks.get(i).at(t));
                if (key != null) {
                    faces.add(new FaceInView(i, faceBox(key, people.get(walks.get(i).person()))));
                }
            }
            return faces;
        }

        private Rectangle2D faceBox(Key key, CutOut person) {
            double h = key.faceHeight() * height;
            double w = h * person.face().getWidth() / person.face().getHeight();
            return new Rectangle2D.Double(key.x() * width - w / 2, key.y() * height - h / 2, w, h);
        }
    }

    /** People never stand still: a small drift of a few pixels, different for each. */
    private static Key swaying(Walk walk, Key key) {
        if (key == null) {
            return null;
        }
        double phase = walk.person().ordinal() * 1.3;
        return new Key(key.seconds(), key.x() + SWAY * Math.sin(2 * Math.PI * key.seconds() / 1.7 + phase),
                key.y() + SWAY * 0.7 * Math.sin(2 * Math.PI * key.seconds() / 2.3 + phase), key.faceHeight());
    }

    private double light(double t) {
        Light before = lights.get(0);
        for (Light next : lights) {
            if (next.seconds() > t) {
                double f = (t - before.seconds()) / (next.seconds() - before.seconds());
                return before.level() + f * (next.level() - before.level());
            }
            before = next;
        }
        return before.level();
    }

    private static void lightAndNoise(BufferedImage frame, double light, SplittableRandom random) {
        byte[] pixels = ((DataBufferByte) frame.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < pixels.length; i++) {
            double value = (pixels[i] & 0xff) * light + random.nextGaussian() * NOISE;
            pixels[i] = (byte) Math.max(0, Math.min(255, Math.round(value)));
        }
    }

    /** A person cut out of a photo around one face, with edges fading out so no hard rectangle shows. */
    private record CutOut(BufferedImage image, Rectangle2D face) {
        /** Around the face: its width on either side, half its height above, its height below. */
        static CutOut of(Person person) {
            float[] box = person.photo.golden().orElseThrow().faces().get(person.face).box();
            BufferedImage photo = read(person.photo);
            double w = box[2] - box[0];
            double h = box[3] - box[1];
            int left = (int) Math.max(0, box[0] - w);
            int top = (int) Math.max(0, box[1] - h / 2);
            int right = (int) Math.min(photo.getWidth(), box[2] + w);
            int bottom = (int) Math.min(photo.getHeight(), box[3] + h);
            BufferedImage image = new BufferedImage(right - left, bottom - top, BufferedImage.TYPE_INT_ARGB);
            double feather = 0.12;
            for (int y = 0; y < image.getHeight(); y++) {
                double fy = (double) y / image.getHeight();
                for (int x = 0; x < image.getWidth(); x++) {
                    double fx = (double) x / image.getWidth();
                    double edge = Math.min(Math.min(fx, 1 - fx), fy) / feather;
                    int alpha = (int) Math.round(255 * Math.min(1, edge));
                    image.setRGB(x, y, (alpha << 24) | (photo.getRGB(left + x, top + y) & 0xffffff));
                }
            }
            return new CutOut(image, new Rectangle2D.Double(box[0] - left, box[1] - top, w, h));
        }
    }

    private static BufferedImage read(SamplePhoto photo) {
        try {
            BufferedImage image = ImageIO.read(photo.path().toFile());
            if (image == null) {
                throw new IOException("not an image");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sample photo " + photo.fileName() + ": " + e.getMessage(), e);
        }
    }

    /** The photo scaled to cover the frame and centre-cropped. */
    private static BufferedImage covering(BufferedImage photo, int width, int height) {
        double scale = Math.max((double) width / photo.getWidth(), (double) height / photo.getHeight());
        int w = (int) Math.ceil(photo.getWidth() * scale);
        int h = (int) Math.ceil(photo.getHeight() * scale);
        BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = frame.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(photo, (width - w) / 2, (height - h) / 2, w, h, null);
        } finally {
            g.dispose();
        }
        return frame;
    }
}
