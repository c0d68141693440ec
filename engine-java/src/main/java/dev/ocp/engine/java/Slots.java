package dev.ocp.engine.java;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A small lock-free cache of reusable objects: a fixed row of slots taken and refilled by compare-and-set.
 * Unlike a queue it allocates nothing per operation, which keeps steady-state parsing free of garbage.
 */
final class Slots<T> {
    private final AtomicReferenceArray<T> slots;

    Slots(int size) {
        slots = new AtomicReferenceArray<>(size);
    }

    /** @return a cached object, or {@code null} if none is cached */
    T take() {
        for (int i = 0; i < slots.length(); i++) {
            T value = slots.get(i);
            if (value != null && slots.compareAndSet(i, value, null)) {
                return value;
            }
        }
        return null;
    }

    /** @return {@code true} if cached, {@code false} if every slot is full (the caller drops it) */
    boolean offer(T value) {
        for (int i = 0; i < slots.length(); i++) {
            if (slots.get(i) == null && slots.compareAndSet(i, null, value)) {
                return true;
            }
        }
        return false;
    }
}
