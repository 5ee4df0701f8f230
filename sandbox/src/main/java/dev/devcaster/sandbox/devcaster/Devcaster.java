package dev.devcaster.sandbox.devcaster;

import dev.devcaster.sandbox.lifecycle.Component;

import java.net.URI;

/** The Devcaster API the operator talks to: the local emulator, or the real service. */
public interface Devcaster extends Component {

    /** Valid once started. */
    URI baseUrl();

    /** The project API key the operator uses by default; valid once started. */
    String apiKey();

    boolean emulated();
}
