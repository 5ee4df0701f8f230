package dev.devcaster.sandbox.lifecycle;

import java.util.List;

/**
 * The checks of the components listed after it (ports free, binaries built, manifests found), all
 * before the first of them starts: a mistake costs no start-up time and leaves nothing to stop.
 */
public final class Preflight implements Component {

    private final List<Component> components;

    public Preflight(List<Component> components) {
        this.components = List.copyOf(components);
    }

    @Override
    public void start() {
        components.forEach(Component::preflight);
    }

    @Override
    public void stop() {
        // checks leave nothing behind
    }
}
