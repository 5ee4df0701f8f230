package dev.devcaster.emulator.catalog;

import java.util.function.Supplier;

/** The catalog in use; the admin API may replace it while requests read it. */
public final class CatalogRef implements Supplier<Catalog> {

    private volatile Catalog current;

    public CatalogRef(Catalog initial) {
        this.current = initial;
    }

    @Override
    public Catalog get() {
        return current;
    }

    public void replace(Catalog replacement) {
        current = replacement;
    }
}
