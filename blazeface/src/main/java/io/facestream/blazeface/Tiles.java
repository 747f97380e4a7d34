package io.facestream.blazeface;

import java.util.ArrayList;
import java.util.List;

/**
 * The squares a frame is scanned in so that every face from a minimum size up is seen at a size the model finds.
 * The model sees a square at its input size, and finds faces from {@link BlazeFaceModel#smallestFace()} input
 * pixels up; a square of side S therefore finds faces from {@code smallestFace * S / inputSide} frame pixels up.
 * Levels of tiles double in side from the one whose smallest face is the minimum face size, until a square holds
 * the whole frame (letterboxed). Tiles of a level overlap by twice the level's smallest face, so that each face the
 * level is for (up to twice its smallest, the next level taking larger ones) lies whole inside one tile.
 */
final class Tiles {

    private Tiles() {
    }

    static List<Square> plan(int width, int height, int minFaceSize, BlazeFaceModel model) {
        List<Square> squares = new ArrayList<>();
        int longer = Math.max(width, height);
        float side = (float) minFaceSize * model.inputSide() / model.smallestFace();
        while (side < longer) {
            float overlap = Math.min(side / 2, 2 * model.smallestFace() * side / model.inputSide());
            for (float y : origins(height, side, overlap)) {
                for (float x : origins(width, side, overlap)) {
                    squares.add(new Square(x, y, side));
                }
            }
            side *= 2;
        }
        squares.add(Square.letterboxing(width, height));
        return squares;
    }

    /** Tile origins along one axis: evenly spread from 0 to {@code length - side}, neighbours overlapping enough. */
    private static float[] origins(int length, float side, float overlap) {
        if (length <= side) {
            return new float[] {(length - side) / 2};
        }
        int count = (int) Math.ceil((length - overlap) / (side - overlap));
        float[] origins = new float[count];
        for (int k = 0; k < count; k++) {
            origins[k] = k * (length - side) / (count - 1);
        }
        return origins;
    }
}
