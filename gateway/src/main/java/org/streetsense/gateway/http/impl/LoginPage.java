package org.streetsense.gateway.http.impl;

/** The dashboard's login form, rendered on the server so it works without scripts. */
final class LoginPage {

  private LoginPage() {}

  /** The form, with {@code message} (may be null) shown above it as an alert. */
  static String render(String message) {
    String alert = message == null ? ""
        : "<p class=\"alert\" role=\"alert\" id=\"login-error\">" + Html.esc(message) + "</p>";
    return """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Streetsense · technician login</title>
        <link rel="stylesheet" href="/dash/assets/dash.css">
        </head>
        <body class="login">
        <main class="login-box">
        <h1>Streetsense</h1>
        <p>Technician dashboard. Enter the installation's dashboard token.</p>
        %s
        <form method="post" action="/dash/login" autocomplete="off">
        <label for="token">Token</label>
        <input id="token" name="token" type="password" required autofocus
               autocomplete="current-password" spellcheck="false">
        <button type="submit" id="login-submit">Log in</button>
        </form>
        </main>
        </body>
        </html>
        """.formatted(alert);
  }
}
