package org.streetsense.gateway.uplink.impl;

import javax.net.ssl.SSLException;
import org.eclipse.paho.client.mqttv3.MqttException;

/** Turns Paho's connect failures into messages a technician can act on. Never shows secrets. */
final class ConnectFailures {

  private ConnectFailures() {}

  static String describe(Throwable failure, String serverUri, String username) {
    String user = username == null ? "anonymous" : "user '" + username + "'";
    if (failure instanceof MqttException e) {
      switch (e.getReasonCode()) {
        case MqttException.REASON_CODE_FAILED_AUTHENTICATION:
          return "broker " + serverUri + " refused the connection: bad user name or password "
              + "(MQTT return code 4) for " + user;
        case MqttException.REASON_CODE_NOT_AUTHORIZED:
          return "broker " + serverUri + " refused the connection: not authorised "
              + "(MQTT return code 5) for " + user + "; check the user name and password";
        case MqttException.REASON_CODE_INVALID_CLIENT_ID:
          return "broker " + serverUri + " refused the client id (MQTT return code 2)";
        case MqttException.REASON_CODE_BROKER_UNAVAILABLE:
          return "broker " + serverUri + " is unavailable (MQTT return code 3)";
        case MqttException.REASON_CODE_INVALID_PROTOCOL_VERSION:
          return "broker " + serverUri + " does not speak MQTT 3.1.1 (return code 1)";
        default:
          break;
      }
    }
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      if (root instanceof SSLException) {
        break;
      }
      root = root.getCause();
    }
    if (root instanceof SSLException) {
      return "TLS handshake with " + serverUri + " failed: " + root.getMessage();
    }
    String what = root.getMessage() == null ? root.getClass().getSimpleName()
        : root.getClass().getSimpleName() + ": " + root.getMessage();
    return "cannot reach broker " + serverUri + ": " + what;
  }
}
