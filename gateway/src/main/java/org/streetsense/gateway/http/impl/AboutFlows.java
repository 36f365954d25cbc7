package org.streetsense.gateway.http.impl;

import static org.streetsense.gateway.http.impl.Html.esc;

import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.streetsense.gateway.status.ChannelInfo;
import org.streetsense.gateway.status.GatewayStatus;
import org.streetsense.gateway.status.InstallationInfo;
import org.streetsense.gateway.status.PublicDisclosure;

/**
 * The sections of the citizens' page that say where data goes (and how long it is kept) and
 * what the piece does back to people. Everything comes from {@link PublicDisclosure}, which is
 * derived from the installation file, so the page says what the file configures. Private
 * channels are never named: a trigger on one is described by its event only. Stateless.
 */
final class AboutFlows {

  private AboutFlows() {}

  /** "What it does back": each actuator of the allow-list and what sets it off. */
  static void effects(StringBuilder h, GatewayStatus status, String lang, AboutTexts t) {
    List<PublicDisclosure.Effect> effects = status.disclosure().effects();
    StringBuilder body = new StringBuilder();
    if (effects.isEmpty()) {
      body.append("<p>").append(esc(t.get("effects.none"))).append("</p>");
    } else {
      body.append("<p>").append(esc(t.get("effects.intro"))).append("</p>\n<ul class=\"effects\">\n");
      for (PublicDisclosure.Effect e : effects) {
        body.append("<li data-actuator=\"").append(esc(e.actuator())).append("\"><strong>")
            .append(esc(t.get("actuator." + e.kind()))).append("</strong> <span class=\"muted\">(")
            .append(esc(e.actuator())).append(")</span>\n<ul>\n");
        for (PublicDisclosure.Trigger trigger : e.triggers()) {
          body.append("<li>").append(esc(trigger(trigger, status, lang, t))).append("</li>\n");
        }
        body.append("<li>").append(esc(t.get("effects.operator"))).append("</li>\n</ul></li>\n");
      }
      body.append("</ul>");
    }
    AboutPage.section(h, "effects", t.get("heading.effects"), body.toString());
  }

  static String trigger(PublicDisclosure.Trigger trigger, GatewayStatus status, String lang,
      AboutTexts t) {
    InstallationInfo info = status.installation();
    Optional<ChannelInfo> channel = trigger.channel().isEmpty()
        ? onlyChannel(status, trigger.device()) : new PublicView(status).channel(trigger.channel());
    String what = channel.map(c -> AboutPage.label(c, lang, info, t))
        .orElse(t.get("trigger.sensor"));
    String text;
    if (!trigger.event().isEmpty()) {
      text = t.get("trigger." + trigger.event(), what);
    } else {
      boolean above = trigger.above().isPresent();
      OptionalDouble limit = above ? trigger.above() : trigger.below();
      String unit = channel.map(c -> AboutPage.displayUnit(c.unit())).orElse("");
      String value = (number(limit.getAsDouble(), lang) + " " + unit).strip();
      text = t.get(above ? "trigger.above" : "trigger.below", what, value);
    }
    return trigger.every() > 1 ? t.get("trigger.every", trigger.every(), text) : text;
  }

  /**
   * The one channel of a trigger that names only its device (an event of any of the device's
   * channels, as a PIR's on {@code motion}), when the device has exactly one channel and it is
   * public; else empty, and the trigger stays unnamed.
   */
  private static Optional<ChannelInfo> onlyChannel(GatewayStatus status, String device) {
    List<ChannelInfo> of = status.channels().stream().filter(c -> c.device().equals(device))
        .toList();
    return of.size() == 1 && of.get(0).publicChannel() ? Optional.of(of.get(0))
        : Optional.empty();
  }

  /** A threshold as written, with {@code lang}'s decimal separator and no grouping. */
  private static String number(double v, String lang) {
    NumberFormat f = NumberFormat.getNumberInstance(Locale.forLanguageTag(lang));
    f.setGroupingUsed(false);
    f.setMaximumFractionDigits(6);
    return f.format(v);
  }

  /** "Where the data goes": each destination, what it receives and how long it is kept. */
  static void dataFlows(StringBuilder h, GatewayStatus status, PublicView view, String lang,
      AboutTexts t) {
    InstallationInfo info = status.installation();
    PublicDisclosure d = status.disclosure();
    String kept = t.get("flow.kept", t.period(info.retention()));
    StringBuilder body = new StringBuilder("<p>").append(esc(t.get("flow.intro")))
        .append("</p>\n<dl class=\"flows\">\n");
    if (!d.backendHost().isEmpty()) {
      flow(body, "backend", t.get("flow.backend", info.operator()), t.get("flow.backend.what"),
          t.get(d.backendEncrypted() ? "flow.backend.encrypted" : "flow.backend.plain") + " "
              + kept);
    }
    d.databaseHost().ifPresent(host -> flow(body, "database",
        t.get("flow.database", info.operator()), t.get("flow.database.what"), kept));
    if (!d.oscHosts().isEmpty()) {
      flow(body, "osc", t.get("flow.osc"), t.get("flow.osc.what"),
          t.get("flow.osc.where"));
    }
    List<ChannelInfo> open = view.channels();
    if (!open.isEmpty()) {
      StringBuilder names = new StringBuilder();
      for (ChannelInfo c : open) {
        names.append(names.length() == 0 ? "" : ", ").append(AboutPage.label(c, lang, info, t));
      }
      flow(body, "open-data", t.get("flow.open"), t.get("flow.open.what", names),
          t.get("flow.open.kept", t.period(info.retention())));
    }
    if (!d.spoolMaxAge().isZero()) {
      flow(body, "device", t.get("flow.device"), t.get("flow.device.what"),
          t.get("flow.device.kept", t.period(d.spoolMaxAge())));
    }
    body.append("</dl>");
    AboutPage.section(h, "data-flows", t.get("heading.flows"), body.toString());
  }

  private static void flow(StringBuilder b, String id, String to, String what, String kept) {
    b.append("<div class=\"flow\" data-flow=\"").append(id).append("\"><dt>").append(esc(to))
        .append("</dt>\n<dd>").append(esc(what)).append("</dd>\n<dd class=\"kept\">")
        .append(esc(kept)).append("</dd></div>\n");
  }
}
