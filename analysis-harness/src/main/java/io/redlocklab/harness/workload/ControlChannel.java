package io.redlocklab.harness.workload;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redlocklab.harness.HarnessException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The control channel of one client process: {@link ControlMessage}s as JSON lines over a loopback
 * TCP connection. Sending is thread-safe; one thread receives.
 */
final class ControlChannel implements AutoCloseable {

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .setSerializationInclusion(JsonInclude.Include.NON_NULL)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  private final Socket socket;
  private final BufferedReader in;
  private final BufferedWriter out;

  ControlChannel(Socket socket) {
    this.socket = socket;
    try {
      socket.setTcpNoDelay(true);
      this.in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      this.out =
          new BufferedWriter(
              new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The child's side: connects to the harness on 127.0.0.1:{@code port}. */
  static ControlChannel connect(int port) throws IOException {
    return new ControlChannel(new Socket(InetAddress.getLoopbackAddress(), port));
  }

  synchronized void send(ControlMessage message) {
    try {
      out.write(encode(message));
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("control channel closed: " + e.getMessage(), e);
    }
  }

  /** The next message; null when the other side closed the channel (or died). */
  ControlMessage receive() {
    try {
      String line = in.readLine();
      return line == null ? null : decode(line);
    } catch (IOException e) {
      return null;
    }
  }

  static String encode(ControlMessage message) {
    try {
      return MAPPER.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new HarnessException("cannot encode " + message.kind() + ": " + e.getMessage(), e);
    }
  }

  static ControlMessage decode(String line) {
    try {
      return MAPPER.readValue(line, ControlMessage.class);
    } catch (JsonProcessingException e) {
      throw new HarnessException(
          "not a control message (" + e.getOriginalMessage() + "): " + line, e);
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }
}
