package io.redlocklab.core;

import java.util.List;

/** The client was {@linkplain Redlock#close() closed}; nothing was sent. Create a new client. */
public class ClientClosedException extends RedlockException {

  public ClientClosedException(String what) {
    super("'" + what + "': the Redlock client is closed; create a new one", List.of());
  }
}
