package org.streetsense.gateway.http.impl;

import static org.streetsense.gateway.http.impl.Html.esc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.streetsense.gateway.status.ChannelInfo;
import org.streetsense.gateway.status.GatewayStatus;
import org.streetsense.gateway.status.InstallationInfo;
import org.streetsense.gateway.status.SensingKind;

/**
 * The icon-led summary at the top of the citizens' page, after the Digital Transparency in the
 * Public Realm (DTPR) taxonomy: purpose, kind of data, whether it identifies anyone, retention and
 * the accountable organisation. Icons are inline SVG drawn here (no external assets), hidden from
 * screen readers; each item carries its meaning in text. Stateless.
 */
final class AboutSummary {

  /** The DTPR categories in display order; also the icon names. */
  static final List<String> CATEGORIES =
      List.of("purpose", "data", "identifiable", "retention", "accountable");

  private AboutSummary() {}

  /** The items' texts in {@code lang}, category order; shared with the printed sign. */
  static List<String[]> items(GatewayStatus status, AboutTexts t) {
    InstallationInfo info = status.installation();
    Set<String> kinds = new LinkedHashSet<>();
    boolean art = false;
    for (ChannelInfo c : status.channels()) {
      if (c.kind() == SensingKind.INSTALLATION || c.kind() == SensingKind.OTHER) {
        continue;
      }
      kinds.add(t.get("kind." + c.kind().wireName()));
      art |= c.kind() == SensingKind.TOUCH || c.kind() == SensingKind.PRESENCE
          || c.kind() == SensingKind.DISTANCE;
    }
    art |= !status.disclosure().effects().isEmpty();
    boolean open = status.channels().stream().anyMatch(ChannelInfo::publicChannel);
    String purpose = art && open ? t.get("dtpr.purpose.both")
        : art ? t.get("dtpr.purpose.art") : t.get("dtpr.purpose.open");
    List<String[]> items = new ArrayList<>();
    items.add(new String[] {"purpose", t.get("dtpr.purpose"), purpose});
    items.add(new String[] {"data", t.get("dtpr.data"), kinds.isEmpty() ? t.get("dtpr.data.none")
        : String.join(", ", kinds)});
    items.add(new String[] {"identifiable", t.get("dtpr.identifiable"),
        t.get("dtpr.identifiable.no")});
    items.add(new String[] {"retention", t.get("dtpr.retention"),
        t.get("dtpr.retention.text", t.period(info.retention()))});
    items.add(new String[] {"accountable", t.get("dtpr.accountable"), info.operator()});
    return items;
  }

  static void render(StringBuilder h, GatewayStatus status, AboutTexts t) {
    h.append("<section id=\"summary\" class=\"dtpr\" aria-labelledby=\"summary-h\">\n<h2 id=\""
        + "summary-h\">").append(esc(t.get("heading.summary"))).append("</h2>\n<ul>\n");
    for (String[] item : items(status, t)) {
      h.append("<li data-dtpr=\"").append(item[0]).append("\">").append(icon(item[0]))
          .append("<span><strong>").append(esc(item[1])).append("</strong> ")
          .append(esc(item[2])).append("</span></li>\n");
    }
    h.append("</ul>\n</section>\n");
  }

  /** The inline SVG icon of a category, 32×32, decorative. */
  static String icon(String category) {
    String body = switch (category) {
      // a target: what it is for
      case "purpose" -> "<circle cx=\"16\" cy=\"16\" r=\"11\"/><circle cx=\"16\" cy=\"16\" r=\"6\"/>"
          + "<circle cx=\"16\" cy=\"16\" r=\"1.5\" fill=\"currentColor\"/>";
      // a bar chart: measurements
      case "data" -> "<path d=\"M6 26h20M9 22v-6M15 22V9M21 22v-9\"/>";
      // a person outline struck through: nobody identified
      case "identifiable" -> "<circle cx=\"16\" cy=\"11\" r=\"4.5\"/>"
          + "<path d=\"M8 26c0-5 3.5-8 8-8s8 3 8 8M6 6l20 20\"/>";
      // a clock: how long
      case "retention" -> "<circle cx=\"16\" cy=\"16\" r=\"11\"/><path d=\"M16 9v7l5 3\"/>";
      // a building: who is accountable
      case "accountable" -> "<path d=\"M5 27h22M7 27V13M25 27V13M12 27v-9M20 27v-9M4 12l12-7 "
          + "12 7z\"/>";
      default -> throw new IllegalArgumentException(category);
    };
    return "<svg class=\"icon\" viewBox=\"0 0 32 32\" width=\"32\" height=\"32\" aria-hidden=\""
        + "true\" focusable=\"false\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\" "
        + "stroke-linecap=\"round\" stroke-linejoin=\"round\">" + body + "</svg>";
  }
}
