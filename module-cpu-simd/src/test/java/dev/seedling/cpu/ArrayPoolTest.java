package dev.seedling.cpu;

import dev.seedling.tensor.DType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ArrayPool} and the storages that feed it. */
class ArrayPoolTest {
    @Test
    void anOfferedArrayComesBackZeroedForTheSameLengthOnly() {
        ArrayPool pool = new ArrayPool(1 << 20);
        float[] a = new float[ArrayPool.MIN_LENGTH];
        Arrays.fill(a, 7f);
        pool.offer(a);
        assertThat(pool.bytes()).isEqualTo(4L * a.length);
        assertThat(pool.take(a.length + 1)).isNull();
        float[] b = pool.take(a.length);
        assertThat(b).isSameAs(a);
        assertThat(b).containsOnly(0f);
        assertThat(pool.take(a.length)).isNull();
        assertThat(pool.bytes()).isZero();
    }

    @Test
    void smallArraysAndArraysBeyondTheCapacityAreLeftToTheCollector() {
        ArrayPool pool = new ArrayPool(4L * ArrayPool.MIN_LENGTH);
        pool.offer(new float[ArrayPool.MIN_LENGTH - 1]);
        assertThat(pool.bytes()).isZero();
        pool.offer(new float[ArrayPool.MIN_LENGTH]);
        pool.offer(new float[ArrayPool.MIN_LENGTH]);
        assertThat(pool.bytes()).isEqualTo(4L * ArrayPool.MIN_LENGTH);
    }

    @Test
    void aClosedStorageFailsOnUseAndItsArrayServesANewStorageZeroed() {
        CpuBackend backend = new CpuBackend();
        int n = ArrayPool.MIN_LENGTH + 123;   // a length no other test allocates
        CpuStorage s = (CpuStorage) backend.allocate(DType.F32, n);
        float[] array = s.floats();
        Arrays.fill(array, 3f);
        s.close();
        assertThatThrownBy(s::floats).isInstanceOf(IllegalStateException.class);
        CpuStorage t = (CpuStorage) backend.allocate(DType.F32, n);
        assertThat(t.floats()).isSameAs(array).containsOnly(0f);
    }

    @Test
    void clearDropsEverythingHeld() {
        ArrayPool pool = new ArrayPool(1 << 20);
        pool.offer(new float[ArrayPool.MIN_LENGTH]);
        pool.offer(new float[ArrayPool.MIN_LENGTH + 1]);
        assertThat(pool.clear()).isEqualTo(4L * (2 * ArrayPool.MIN_LENGTH + 1));
        assertThat(pool.bytes()).isZero();
        assertThat(pool.take(ArrayPool.MIN_LENGTH)).isNull();
    }

    @Test
    void anAllocationThatFailsEmptiesThePoolRetriesAndThenNamesTheSizeAndWhatWasDropped() {
        CpuBackend backend = new CpuBackend();
        backend.allocate(DType.F32, ArrayPool.MIN_LENGTH + 321).close();   // the pool holds at least this
        int huge = Integer.MAX_VALUE - 16;   // over any test heap
        assertThatThrownBy(() -> backend.allocate(DType.F32, huge)).isInstanceOf(OutOfMemoryError.class)
                .hasMessageContaining("cpu: cannot allocate " + huge + " F32 elements")
                .hasMessageContaining("after dropping");
    }

    @Test
    void anUninitialisedTakeKeepsWhatTheArrayHeld() {
        ArrayPool pool = new ArrayPool(1 << 20);
        float[] a = new float[ArrayPool.MIN_LENGTH];
        Arrays.fill(a, 7f);
        pool.offer(a);
        assertThat(pool.take(a.length, false)).isSameAs(a).containsOnly(7f);
    }

    @Test
    void uninitialisedStoragesAreAllNanUnderTheTestSuitesPoisonFlag() {
        assertThat(Boolean.getBoolean("seedling.cpu.poisonUninitialised")).as("the build sets the flag for tests")
                .isTrue();
        CpuBackend backend = new CpuBackend();
        CpuStorage fresh = (CpuStorage) backend.allocateUninitialised(DType.F32, 10);
        assertThat(fresh.floats()).containsOnly(Float.NaN);
        int n = ArrayPool.MIN_LENGTH + 77;   // a length no other test allocates
        backend.allocate(DType.F32, n).close();
        CpuStorage reused = (CpuStorage) backend.allocateUninitialised(DType.F32, n);
        assertThat(reused.floats()).containsOnly(Float.NaN);
        assertThat(((CpuStorage) backend.allocate(DType.F32, 10)).floats()).containsOnly(0f);
    }
}
