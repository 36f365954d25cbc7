package org.streetsense.gateway.http.impl;

import static org.streetsense.gateway.http.impl.Html.esc;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.streetsense.gateway.status.ChannelInfo;
import org.streetsense.gateway.status.GatewayStatus;
import org.streetsense.gateway.status.InstallationInfo;
import org.streetsense.gateway.status.LatestValue;
import org.streetsense.gateway.status.PublicDisclosure;
import org.streetsense.gateway.status.SensingKind;

/**
 * The citizens' "about this installation" page, rendered on the server (no scripts needed) in one
 * of the installation's languages. Channels and values come only through {@link PublicView}; the
 * "what is not collected" list is generated from the kinds of all channels (without naming any),
 * so a private microphone is still disclosed as a loudness-only microphone.
 */
final class AboutPage {

  private final GatewayStatus status;
  private final PublicView view;

  AboutPage(GatewayStatus status, PublicView view) {
    this.status = status;
    this.view = view;
  }

  /** The page in {@code lang}, which must be one of the installation's languages. */
  String render(String lang) {
    InstallationInfo info = status.installation();
    PublicDisclosure disclosure = status.disclosure();
    AboutTexts t = AboutTexts.of(lang, disclosure.pageTexts());
    StringBuilder h = new StringBuilder(16384);
    h.append("<!doctype html>\n<html lang=\"").append(esc(lang)).append("\">\n<head>\n")
        .append("<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(esc(info.site())).append(" · ")
        .append(esc(t.get("page.title"))).append("</title>\n")
        .append("<link rel=\"stylesheet\" href=\"/public/assets/about.css\">\n")
        .append("<script src=\"/public/assets/about.js\" defer></script>\n");
    for (String other : info.languages()) {
      h.append("<link rel=\"alternate\" hreflang=\"").append(esc(other))
          .append("\" href=\"/public/about/").append(esc(other)).append("\">\n");
    }
    h.append("</head>\n<body>\n<a class=\"skip\" href=\"#main\">").append(esc(t.get("page.skip")))
        .append("</a>\n<header>\n");
    languageSwitcher(h, info, disclosure, lang, t);
    h.append("<p class=\"eyebrow\">").append(esc(t.get("page.title"))).append("</p>\n")
        .append("<h1>").append(esc(info.site())).append("</h1>\n");
    String description = localized(info.description(), lang, info.languages());
    if (!description.isEmpty()) {
      h.append("<p class=\"lead\">").append(esc(description)).append("</p>\n");
    }
    h.append("</header>\n<main id=\"main\">\n");
    AboutSummary.render(h, status, t);
    now(h, lang, info, disclosure, t);
    senses(h, lang, info, t);
    AboutFlows.effects(h, status, lang, t);
    AboutFlows.dataFlows(h, status, view, lang, t);
    notCollected(h, t);
    StringBuilder operator = new StringBuilder("<p>")
        .append(esc(t.get("operator.text", info.operator()))).append("</p>");
    disclosure.contact().ifPresent(c -> operator.append("\n<p>")
        .append(esc(t.get("operator.contact"))).append(' ').append(contactLink(c)).append("</p>"));
    section(h, "operator", t.get("heading.operator"), operator.toString());
    String licenseText = info.attribution().isEmpty()
        ? t.get("license.text.noCredit", "\u0000") : t.get("license.text", "\u0000",
            info.attribution());
    section(h, "license", t.get("heading.license"), "<p>" + esc(licenseText).replace("\u0000", "<a rel=\"license\" href=\""
        + esc(OpenDataMeta.licenseUrl(info.license())) + "\">" + esc(info.license()) + "</a>")
        + "</p>");
    section(h, "open-data", t.get("heading.openData"), "<p>" + esc(t.get("openData.text"))
        + "</p>\n<ul>\n<li><a href=\"/public/api/current\">" + esc(t.get("openData.current"))
        + "</a></li>\n<li><a href=\"/public/api/aggregates?window=1h\">"
        + esc(t.get("openData.aggregates")) + "</a></li>\n</ul>\n<p>"
        + esc(t.get("openData.history")) + "</p>");
    String lat = String.format(Locale.ROOT, "%.5f", info.location().latitude());
    String lon = String.format(Locale.ROOT, "%.5f", info.location().longitude());
    section(h, "location", t.get("heading.location"), "<p>" + esc(info.location().label())
        + "</p>\n<p><a id=\"map-link\" href=\"https://www.openstreetmap.org/?mlat=" + lat
        + "&amp;mlon=" + lon + "#map=18/" + lat + "/" + lon + "\">"
        + esc(t.get("location.map", lat, lon)) + "</a></p>");
    h.append("</main>\n<footer><p>").append(esc(t.get("footer.text")))
        .append("</p></footer>\n</body>\n</html>\n");
    return h.toString();
  }

  /** A mailto link for an e-mail address, a link for an http(s) URL, else plain text. */
  static String contactLink(String contact) {
    if (contact.matches("[^@\\s]+@[^@\\s]+")) {
      return "<a id=\"contact\" href=\"mailto:" + esc(contact) + "\">" + esc(contact) + "</a>";
    }
    if (contact.startsWith("https://") || contact.startsWith("http://")) {
      return "<a id=\"contact\" href=\"" + esc(contact) + "\">" + esc(contact) + "</a>";
    }
    return "<span id=\"contact\">" + esc(contact) + "</span>";
  }

  private static void languageSwitcher(StringBuilder h, InstallationInfo info,
      PublicDisclosure disclosure, String lang, AboutTexts t) {
    if (info.languages().size() < 2) {
      return;
    }
    h.append("<nav class=\"langs\" aria-label=\"").append(esc(t.get("nav.language")))
        .append("\">\n<ul>\n");
    for (String other : info.languages()) {
      String name = AboutTexts.of(other, disclosure.pageTexts()).get("lang.name");
      h.append("<li><a id=\"lang-").append(esc(other)).append("\" href=\"/public/about/")
          .append(esc(other)).append("\" hreflang=\"").append(esc(other)).append("\" lang=\"")
          .append(esc(other)).append('"');
      if (other.equals(lang)) {
        h.append(" aria-current=\"page\"");
      }
      h.append('>').append(esc(name)).append("</a></li>\n");
    }
    h.append("</ul>\n</nav>\n");
  }

  private void senses(StringBuilder h, String lang, InstallationInfo info, AboutTexts t) {
    List<ChannelInfo> channels = view.channels();
    StringBuilder body = new StringBuilder();
    if (channels.isEmpty()) {
      body.append("<p>").append(esc(t.get("senses.none"))).append("</p>");
    } else {
      body.append("<p>").append(esc(t.get("senses.intro"))).append("</p>\n<ul class=\"senses\">\n");
      for (ChannelInfo c : channels) {
        String why = why(c, lang, info, t);
        String q = URLEncoder.encode(c.key(), StandardCharsets.UTF_8);
        body.append("<li class=\"channel\" data-channel=\"").append(esc(c.key())).append("\">")
            .append("<span class=\"kind\">").append(esc(t.get("kind." + c.kind().wireName())))
            .append("</span>\n<strong>").append(esc(label(c, lang, info, t)))
            .append("</strong>");
        if (!why.isEmpty()) {
          body.append("\n<p><em>").append(esc(t.get("senses.why"))).append("</em> ")
              .append(esc(why)).append("</p>");
        }
        body.append("\n<p class=\"downloads\">").append(esc(t.get("senses.download")))
            .append(" <a href=\"/public/api/history.csv?channel=").append(q).append("\">CSV</a>")
            .append(" · <a href=\"/public/api/history.json?channel=").append(q)
            .append("\">JSON</a></p></li>\n");
      }
      body.append("</ul>");
    }
    section(h, "senses", t.get("heading.senses"), body.toString());
  }

  /**
   * The channel's human label in {@code lang}: the file's {@code label}, else one generated from
   * the channel's kind in the page's texts (so a language given by {@code pageTexts} gets its own
   * words too), else the channel's name.
   */
  static String label(ChannelInfo c, String lang, InstallationInfo info, AboutTexts t) {
    String what = localized(c.what(), lang, info.languages());
    if (!what.isEmpty()) {
      return what;
    }
    String name = c.channel().replace('_', ' ');
    return switch (c.kind()) {
      case AIR -> switch (c.channel()) {
        case "temperature", "humidity", "pressure" -> t.get("channel.air." + c.channel());
        default -> t.get("channel.air.other", name);
      };
      case TOUCH -> t.get("channel.touch", name);
      case LIGHT, SOUND_LEVEL, PRESENCE, DISTANCE -> t.get("channel." + c.kind().wireName());
      case INSTALLATION, OTHER -> name;
    };
  }

  /** Why the channel is measured in {@code lang}: the installation's text, else the kind's. */
  static String why(ChannelInfo c, String lang, InstallationInfo info, AboutTexts t) {
    String why = localized(c.why(), lang, info.languages());
    return why.isEmpty() ? t.get("why." + c.kind().wireName()) : why;
  }

  private void now(StringBuilder h, String lang, InstallationInfo info,
      PublicDisclosure disclosure, AboutTexts t) {
    List<ChannelInfo> channels = view.channels();
    Map<String, LatestValue> latest = new java.util.HashMap<>();
    view.latestValues().forEach(v -> latest.put(v.key(), v));
    StringBuilder body = new StringBuilder();
    if (channels.isEmpty()) {
      body.append("<p>").append(esc(t.get("now.empty"))).append("</p>");
    } else {
      ZoneId zone = disclosure.zone();
      DateTimeFormatter format = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
          .withLocale(Locale.forLanguageTag(lang)).withZone(zone);
      body.append("<p class=\"muted\" id=\"now-note\">")
          .append(esc(t.get("now.live", zone.getId()))).append("</p>\n")
          .append("<table id=\"now-table\" data-zone=\"").append(esc(zone.getId()))
          .append("\">\n<thead><tr><th scope=\"col\">").append(esc(t.get("now.channel")))
          .append("</th><th scope=\"col\">").append(esc(t.get("now.value")))
          .append("</th><th scope=\"col\">").append(esc(t.get("now.time")))
          .append("</th></tr></thead>\n<tbody>\n");
      for (ChannelInfo c : channels) {
        LatestValue v = latest.get(c.key());
        String on = "";
        String off = "";
        if (c.kind() == SensingKind.PRESENCE || c.kind() == SensingKind.TOUCH) {
          on = t.get("state." + c.kind().wireName() + ".on");
          off = t.get("state." + c.kind().wireName() + ".off");
        }
        String unit = displayUnit(c.unit());
        body.append("<tr data-channel=\"").append(esc(c.key())).append("\" data-unit=\"")
            .append(esc(unit)).append('"');
        if (!on.isEmpty()) {
          body.append(" data-on=\"").append(esc(on)).append("\" data-off=\"").append(esc(off))
              .append('"');
        }
        body.append("><th scope=\"row\">").append(esc(label(c, lang, info, t)))
            .append("</th><td class=\"value\">")
            .append(esc(v == null ? "–" : value(v.value(), unit, on, off, lang)))
            .append("</td><td class=\"time\">");
        if (v != null) {
          body.append("<time datetime=\"").append(v.time()).append("\">")
              .append(esc(format.format(v.time()))).append("</time>");
        }
        body.append("</td></tr>\n");
      }
      body.append("</tbody>\n</table>");
    }
    section(h, "now", t.get("heading.now"), body.toString());
  }

  /**
   * A value as people read it: on/off words for presence and touch, else number (one decimal,
   * with {@code lang}'s decimal separator) and unit.
   */
  static String value(double value, String unit, String on, String off, String lang) {
    if (Double.isNaN(value)) {
      return "–";
    }
    if (!on.isEmpty()) {
      return value >= 0.5 ? on : off;
    }
    return (String.format(Locale.forLanguageTag(lang), "%.1f", value) + " " + unit).strip();
  }

  private void notCollected(StringBuilder h, AboutTexts t) {
    Set<SensingKind> kinds = EnumSet.noneOf(SensingKind.class);
    status.channels().forEach(c -> kinds.add(c.kind()));
    List<String> items = new ArrayList<>(List.of(t.get("notCollected.cameras"),
        t.get("notCollected.audio"), t.get("notCollected.personal"),
        t.get("notCollected.tracking")));
    if (kinds.contains(SensingKind.SOUND_LEVEL)) {
      items.add(t.get("notCollected.microphone"));
    }
    if (kinds.contains(SensingKind.PRESENCE) || kinds.contains(SensingKind.DISTANCE)) {
      items.add(t.get("notCollected.presence"));
    }
    if (kinds.contains(SensingKind.TOUCH)) {
      items.add(t.get("notCollected.touch"));
    }
    StringBuilder body = new StringBuilder("<p>").append(esc(t.get("notCollected.intro")))
        .append("</p>\n<ul class=\"not-collected\">\n");
    items.forEach(i -> body.append("<li>").append(esc(i)).append("</li>\n"));
    section(h, "not-collected", t.get("heading.notCollected"), body.append("</ul>").toString());
  }

  static void section(StringBuilder h, String id, String heading, String body) {
    h.append("<section id=\"").append(id).append("\" aria-labelledby=\"").append(id)
        .append("-h\">\n<h2 id=\"").append(id).append("-h\">").append(esc(heading))
        .append("</h2>\n").append(body).append("\n</section>\n");
  }

  /** Text in {@code lang}, else in the installation's first language, else any, else empty. */
  static String localized(Map<String, String> texts, String lang, List<String> languages) {
    String text = texts.get(lang);
    if (text == null && !languages.isEmpty()) {
      text = texts.get(languages.get(0));
    }
    if (text == null && !texts.isEmpty()) {
      text = texts.values().iterator().next();
    }
    return text == null ? "" : text;
  }

  static String displayUnit(String unit) {
    return switch (unit) {
      case "degC" -> "°C";
      case "%RH" -> "% RH";
      case "dBA" -> "dB(A)";
      case "ug/m3" -> "µg/m³";
      default -> unit;
    };
  }
}
