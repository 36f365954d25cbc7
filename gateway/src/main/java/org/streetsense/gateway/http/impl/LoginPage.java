package org.streetsense.gateway.http.impl;

import org.streetsense.gateway.status.InstallationInfo;

/**
 * The dashboard's login form, rendered on the server so it works without scripts. It names the
 * installation it belongs to (site, id and operator), so a technician with several tokens knows
 * which one to enter.
 */
final class LoginPage {

  private LoginPage() {}

  /** The form, with {@code message} (may be null) shown above it as an alert. */
  static String render(InstallationInfo installation, String message) {
    String alert = message == null ? ""
        : "<p class=\"alert\" role=\"alert\" id=\"login-error\">" + Html.esc(message) + "</p>";
    return """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>%s · technician login</title>
        <link rel="stylesheet" href="/dash/assets/dash.css">
        </head>
        <body class="login">
        <main class="login-box">
        <p class="brand">Streetsense technician dashboard</p>
        <h1 id="login-site">%s</h1>
        <p class="muted" id="login-installation">Installation <strong>%s</strong>%s</p>
        <p>Enter this installation's dashboard token.</p>
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
        """.formatted(Html.esc(installation.site()), Html.esc(installation.site()),
        Html.esc(installation.id()), installation.operator() == null
            || installation.operator().isBlank() ? "" : ", run by " + Html.esc(installation.operator()),
        alert);
  }
}
