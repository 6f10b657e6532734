package io.patchproof.report;

import java.util.function.Supplier;

/**
 * A supplier that asks once and remembers the answer, so that the workbook writers can hand
 * the metrics, the reboot plan and the data-quality list to every sheet that might need them
 * without working them out before (or more than once). One thread; a null answer is asked again.
 */
final class Once {

    private Once() {
    }

    static <T> Supplier<T> of(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}
