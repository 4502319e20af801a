package io.redlocklab.harness.nemesis;

import io.redlocklab.harness.cluster.Link;
import java.util.ArrayList;
import java.util.List;

/**
 * A Toxiproxy toxic on the reply side of the selected links: requests still reach the server, the
 * replies do not come back as sent. Subclasses say which toxic and how to measure it.
 */
abstract class ReplyToxicNemesis extends BaseNemesis {

  private final LinkSelection selection;
  private final String toxicSuffix;
  final List<Link> affected = new ArrayList<>();
  List<Link> measured = List.of();

  ReplyToxicNemesis(
      String name, NemesisContext context, LinkSelection selection, String toxicSuffix) {
    super(name, context);
    this.selection = selection;
    this.toxicSuffix = toxicSuffix;
  }

  /** Adds the toxic, named {@code toxic}, to the downstream side of {@code link}. */
  abstract void addToxic(Link link, String toxic);

  /** What is true again once the toxics are gone, e.g. "replies flow again". */
  abstract String healedNote();

  String selectedNames() {
    return LinkSelection.names(selection.select(context.cluster()));
  }

  @Override
  final void inject() {
    List<Link> links = selection.select(context.cluster());
    measured = Probes.answering(links);
    for (Link link : links) {
      affected.add(link);
      addToxic(link, toxic());
    }
  }

  @Override
  final String heal() {
    for (Link link : affected) {
      link.removeToxic(toxic());
    }
    String healed = LinkSelection.names(affected);
    affected.clear();
    return healedNote() + " on " + healed;
  }

  private String toxic() {
    return name + "-" + toxicSuffix;
  }
}
