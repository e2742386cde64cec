package dev.seedling.conformance.backend;

import dev.seedling.backend.Backend;
import dev.seedling.backend.Storage;
import dev.seedling.conformance.BackendUnderTest;
import dev.seedling.conformance.OnEveryBackend;
import dev.seedling.tensor.DType;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every backend (and the {@link HostArrayBackend} test double) words a range outside a storage, a released storage
 * and an index out of range alike, through {@link dev.seedling.backend.StorageChecks}: only the backend's name
 * differs.
 */
class StorageChecksTest {

    @OnEveryBackend
    void rangeAndReleaseErrorsNameTheBackendTheRangeAndTheStorage(BackendUnderTest backend) {
        try (var scope = backend.use()) {
            rangeAndRelease(backend.backend());
        }
        rangeAndRelease(new HostArrayBackend());
    }

    private static void rangeAndRelease(Backend b) {
        Storage s = b.upload(new float[]{1, 2, 3});
        assertThatThrownBy(() -> b.readFloats(s, 2, 2)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage(b.name() + " readFloats: range [2, 4) is outside a storage of 3 F32 elements");
        assertThatThrownBy(() -> b.readLongs(s, 0, -1)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage(b.name() + " readLongs: range [0, -1) is outside a storage of 3 F32 elements");
        assertThatThrownBy(() -> b.fill(s, -1, 1, 0)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage(b.name() + " fill: range [-1, 0) is outside a storage of 3 F32 elements");
        s.close();
        assertThatThrownBy(() -> b.readFloats(s, 0, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessage(b.name() + ": storage of 3 F32 elements was released");
    }

    @OnEveryBackend
    void gatherNamesTheBadIndexAndItsPosition(BackendUnderTest backend) {
        try (var scope = backend.use()) {
            Backend b = backend.backend();
            try (Storage src = b.upload(new float[]{1, 2});
                 Storage index = b.upload(new long[]{1, 5});
                 Storage dst = b.allocate(DType.F32, 2)) {
                assertThatThrownBy(() -> b.gather(src, 0, 1, 2, 1, index, 0, 2, false, dst))
                        .isInstanceOf(IndexOutOfBoundsException.class)
                        .hasMessage("gather: index 5 (at position 1 of the index tensor) is out of range [0, 2)");
            }
        }
    }
}
