package dev.seedling.data.vqa;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Tiny images made at test time, so no binary fixture is committed. */
final class FixtureImages {
    private FixtureImages() {
    }

    /** A 1×1 PNG of the given RGB colour. */
    static byte[] png(int rgb) {
        return encode(rgb, "png");
    }

    /** A 1×1 JPEG of the given RGB colour. */
    static byte[] jpeg(int rgb) {
        return encode(rgb, "jpg");
    }

    private static byte[] encode(int rgb, String format) {
        BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, rgb);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
