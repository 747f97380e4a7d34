package io.facestream.sink.crops;

import io.facestream.schemas.CameraId;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Face crops as JPEG files: {@code <root>/<camera>/<yyyy-MM-dd>/<sequence>-<face>-aligned.jpg} and
 * {@code -context.jpg}, the date being the frame's capture day (UTC). Each file's modification time is set to the
 * frame's capture time, so that retention and deletion by time range need nothing but the files.
 */
public final class CropStore {
    private static final float JPEG_QUALITY = 0.9f;

    public enum Kind {
        ALIGNED, CONTEXT;

        public String suffix() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** {@code aligned} or {@code context}; the error names the parameter. */
        public static Kind parse(String parameter, String value) {
            for (Kind kind : values()) {
                if (kind.suffix().equals(value)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException(parameter + " must be aligned or context, was '" + value + "'");
        }
    }

    private final Path root;

    public CropStore(Path root) {
        this.root = root;
    }

    /** The crop folder of the sink's data directory. */
    public static CropStore inDataDir(Path dataDir) {
        return new CropStore(dataDir.resolve("crops"));
    }

    public Path root() {
        return root;
    }

    /**
     * Throws an {@link IllegalArgumentException} naming the camera unless it is a valid camera id: anything else could
     * leave the crop folder.
     */
    public static String requireCameraId(String camera) {
        return CameraId.require("camera", camera);
    }

    /**
     * Writes a crop unless it is there already (a redelivered event makes the same crop again), atomically: readers
     * see the whole file or none.
     *
     * @return whether the file was written
     */
    public boolean write(String camera, long sequence, int face, Kind kind, Instant captureTime, BufferedImage image)
            throws IOException {
        Path file = file(camera, captureTime, sequence, face, kind);
        if (Files.exists(file)) {
            return false;
        }
        Files.createDirectories(file.getParent());
        Path partial = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".part");
        try {
            try (OutputStream out = Files.newOutputStream(partial)) {
                writeJpeg(image, out);
            }
            Files.setLastModifiedTime(partial, FileTime.from(captureTime));
            try {
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return true;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** The crop's file, looked for in the camera's day folders, newest first. */
    public Optional<Path> find(String camera, long sequence, int face, Kind kind) throws IOException {
        String name = fileName(sequence, face, kind);
        Path cameraDir = root.resolve(requireCameraId(camera));
        for (Path day : days(cameraDir).stream().sorted(Comparator.reverseOrder()).toList()) {
            Path file = day.resolve(name);
            if (Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    /**
     * Deletes the crops of one camera (or all) captured in {@code [from, to)} (open where empty), and the folders left
     * empty. Only the day folders that overlap the range are looked into; in a day on the range's edge, the files'
     * times decide.
     *
     * @return how many crop files were deleted
     */
    public long delete(Optional<String> camera, Optional<Instant> from, Optional<Instant> to) throws IOException {
        List<Path> cameraDirs = new ArrayList<>();
        if (camera.isPresent()) {
            cameraDirs.add(root.resolve(requireCameraId(camera.get())));
        } else {
            cameraDirs.addAll(children(root));
        }
        long deleted = 0;
        for (Path cameraDir : cameraDirs) {
            for (Path day : days(cameraDir)) {
                LocalDate date = LocalDate.parse(day.getFileName().toString());
                Instant dayStart = date.atStartOfDay(ZoneOffset.UTC).toInstant();
                Instant dayEnd = date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                boolean afterRange = to.isPresent() && !dayStart.isBefore(to.get());
                boolean beforeRange = from.isPresent() && !dayEnd.isAfter(from.get());
                if (afterRange || beforeRange) {
                    continue;
                }
                boolean whole = from.map(start -> !start.isAfter(dayStart)).orElse(true)
                        && to.map(end -> !end.isBefore(dayEnd)).orElse(true);
                for (Path file : children(day)) {
                    Instant captured = Files.getLastModifiedTime(file).toInstant();
                    if (whole || (from.map(start -> !captured.isBefore(start)).orElse(true)
                            && to.map(captured::isBefore).orElse(true))) {
                        if (Files.deleteIfExists(file) && file.getFileName().toString().endsWith(".jpg")) {
                            deleted++;
                        }
                    }
                }
                deleteIfEmpty(day);
            }
            deleteIfEmpty(cameraDir);
        }
        return deleted;
    }

    private Path file(String camera, Instant captureTime, long sequence, int face, Kind kind) {
        LocalDate day = captureTime.atZone(ZoneOffset.UTC).toLocalDate();
        return root.resolve(requireCameraId(camera)).resolve(day.toString()).resolve(fileName(sequence, face, kind));
    }

    private static String fileName(long sequence, int face, Kind kind) {
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative, was " + sequence);
        }
        if (face < 0) {
            throw new IllegalArgumentException("face must not be negative, was " + face);
        }
        return sequence + "-" + face + "-" + kind.suffix() + ".jpg";
    }

    /** A camera's day folders (named yyyy-MM-dd); other entries are not the store's and are left alone. */
    private static List<Path> days(Path cameraDir) throws IOException {
        return children(cameraDir).stream().filter(Files::isDirectory).filter(CropStore::isDay).toList();
    }

    private static boolean isDay(Path folder) {
        try {
            LocalDate.parse(folder.getFileName().toString());
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static List<Path> children(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            entries.forEach(children::add);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        return children;
    }

    private static void deleteIfEmpty(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            if (entries.findAny().isPresent()) {
                return;
            }
        }
        try {
            Files.deleteIfExists(folder);
        } catch (DirectoryNotEmptyException e) {
            // A crop was written meanwhile: the folder stays.
        }
    }

    private static void writeJpeg(BufferedImage image, OutputStream out) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam parameters = writer.getDefaultWriteParam();
            parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            parameters.setCompressionQuality(JPEG_QUALITY);
            writer.write(null, new IIOImage(image, null, null), parameters);
        } finally {
            writer.dispose();
        }
    }
}
