package io.facestream.launcher;

import io.facestream.cascade.Box;
import io.facestream.cascade.Face;
import io.facestream.cascade.Point;
import io.facestream.cascade.RgbImage;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Draws detected faces onto a copy of the image: box, score and the landmarks (five, or BlazeFace's six). */
final class Annotation {
    private static final Color BOX = new Color(0, 220, 90);
    private static final Color[] LANDMARK_COLOURS = {
        new Color(255, 60, 60), new Color(60, 140, 255), new Color(255, 220, 0),
        new Color(255, 120, 220), new Color(0, 230, 230), new Color(255, 150, 0)};

    private Annotation() {
    }

    static BufferedImage draw(RgbImage image, List<Face> faces) {
        return draw(image, new FoundFaces("", faces));
    }

    static BufferedImage draw(RgbImage image, FoundFaces found) {
        BufferedImage canvas = image.toBufferedImage();
        Graphics2D g = canvas.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        float line = Math.max(2f, Math.max(image.width(), image.height()) / 400f);
        g.setStroke(new BasicStroke(line));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.round(line * 7)));
        for (Face face : found.faces()) {
            Box b = face.box();
            g.setColor(BOX);
            g.draw(new Rectangle2D.Float(b.x1(), b.y1(), b.width(), b.height()));
            g.drawString(String.format(Locale.ROOT, "%.3f", face.score()), b.x1(), b.y1() - line * 2);
            for (int k = 0; k < face.landmarks().size(); k++) {
                Point p = face.landmarks().get(k);
                float r = line * 1.8f;
                g.setColor(LANDMARK_COLOURS[k]);
                g.fill(new Ellipse2D.Float(p.x() - r, p.y() - r, 2 * r, 2 * r));
            }
        }
        g.dispose();
        return canvas;
    }

    /** Writes {@code dir/<source name without extension>.png}. */
    static Path write(RgbImage image, FoundFaces found, Path dir, Path source) throws IOException {
        Files.createDirectories(dir);
        String name = source.getFileName().toString().replaceFirst("\\.[^.]*$", "") + ".png";
        Path target = dir.resolve(name);
        if (!ImageIO.write(draw(image, found), "png", target.toFile())) {
            throw new IOException("no PNG writer available for " + target);
        }
        return target;
    }
}
