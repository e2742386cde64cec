package dev.seedling.models.memory;

import java.util.ArrayList;
import java.util.List;

/**
 * Where one memory layer sits: it reads the FFN input of block {@code readBlock} and its output is added to the
 * residual stream after block {@code addBlock} (UltraMem's {@code mem_insert_way} {@code "a:b"}; a = b is the classic
 * in-block placement).
 */
public record MemoryPlacement(int readBlock, int addBlock) {
    public MemoryPlacement {
        if (readBlock < 0 || addBlock < readBlock) {
            throw new IllegalArgumentException("memory placement " + readBlock + ":" + addBlock
                    + " needs 0 <= a <= b");
        }
    }

    /** Parses {@code "a:b/c:d..."}; an empty or malformed text is an error naming it. */
    public static List<MemoryPlacement> parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("config: memory.placement is empty; give a:b[/c:d...]");
        }
        List<MemoryPlacement> out = new ArrayList<>();
        for (String part : text.split("/")) {
            String[] ab = part.strip().split(":");
            try {
                if (ab.length != 2) {
                    throw new NumberFormatException();
                }
                out.add(new MemoryPlacement(Integer.parseInt(ab[0].strip()), Integer.parseInt(ab[1].strip())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("config: memory.placement '" + text + "' has a malformed part '"
                        + part + "' (expected a:b)", e);
            }
        }
        return out;
    }
}
