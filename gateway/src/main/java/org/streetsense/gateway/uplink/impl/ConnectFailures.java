package org.streetsense.gateway.uplink.impl;

import javax.net.ssl.SSLException;
import org.eclipse.paho.client.mqttv3.MqttException;

/** Turns Paho's connect failures into messages a technician can act on. Never shows secrets. */
final class ConnectFailures {

  private ConnectFailures() {}

  /** Why an established session ended. */
  static String describeLoss(Throwable failure, String serverUri) {
    Throwable root = failure == null ? null : rootOf(failure);
    String what = root == null ? "no reason given" : summary(root);
    return "connection to broker " + serverUri + " lost (" + what + ")";
  }

  /** Why a connect attempt failed. */
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
    Throwable root = rootOf(failure);
    if (root instanceof SSLException) {
      return "TLS handshake with " + serverUri + " failed: " + root.getMessage();
    }
    return "cannot reach broker " + serverUri + ": " + summary(root);
  }

  private static Throwable rootOf(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root && !(root instanceof SSLException)) {
      root = root.getCause();
    }
    return root;
  }

  private static String summary(Throwable t) {
    return t.getMessage() == null ? t.getClass().getSimpleName()
        : t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}
